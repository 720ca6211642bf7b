// Kubernetes `Status` errors, shaped and worded like the real apiserver's,
// because clients (kubectl, helm) print and branch on them.
import type { TResourceInfo } from '../resources';

export interface TCause {
  reason?: string;
  message?: string;
  field?: string;
  type?: string;
}

export interface TStatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: TCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: TStatusBody['details'],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  toStatus(): TStatusBody {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** `deployments.apps`, or `secrets` for the core group: how messages name a resource. */
export function qualifiedName(info: Pick<TResourceInfo, 'plural' | 'group'>): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

function detailsOf(
  info: Pick<TResourceInfo, 'plural' | 'group'>,
  name: string,
): TStatusBody['details'] {
  return { name, ...(info.group ? { group: info.group } : {}), kind: info.plural };
}

export const errors = {
  notFound: (info: Pick<TResourceInfo, 'plural' | 'group'>, name: string) =>
    new ApiError(
      404,
      'NotFound',
      `${qualifiedName(info)} "${name}" not found`,
      detailsOf(info, name),
    ),
  alreadyExists: (info: Pick<TResourceInfo, 'plural' | 'group'>, name: string) =>
    new ApiError(
      409,
      'AlreadyExists',
      `${qualifiedName(info)} "${name}" already exists`,
      detailsOf(info, name),
    ),
  conflict: (
    info: Pick<TResourceInfo, 'plural' | 'group'>,
    name: string,
    why = 'the object has been modified; please apply your changes to the latest version and try again',
  ) =>
    new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedName(info)} "${name}": ${why}`,
      detailsOf(info, name),
    ),
  invalid: (info: Pick<TResourceInfo, 'kind' | 'group'>, name: string, causes: TCause[]) => {
    const summary = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
    const joined = causes.length > 1 ? `[${summary}]` : summary;
    return new ApiError(422, 'Invalid', `${info.kind} "${name}" is invalid: ${joined}`, {
      name,
      ...(info.group ? { group: info.group } : {}),
      kind: info.kind,
      causes: causes.map((c) => ({
        reason: c.reason ?? 'FieldValueInvalid',
        message: c.message,
        field: c.field,
      })),
    });
  },
  badRequest: (message: string) => new ApiError(400, 'BadRequest', message),
  methodNotAllowed: (method: string) =>
    new ApiError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`,
      undefined,
      { Allow: method },
    ),
  unsupportedMediaType: (type: string, accepted: string[]) =>
    new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
      {
        causes: [{ reason: 'UnexpectedServerResponse', message: type }],
      },
    ),
  unauthorized: () => new ApiError(401, 'Unauthorized', 'Unauthorized'),
  forbidden: (message: string, info?: Pick<TResourceInfo, 'plural' | 'group'>, name = '') =>
    new ApiError(403, 'Forbidden', message, info ? detailsOf(info, name) : undefined),
  gone: (message: string) => new ApiError(410, 'Expired', message),
  resourceNotFound: () =>
    new ApiError(404, 'NotFound', 'the server could not find the requested resource', {}),
  serviceUnavailable: (message: string) => new ApiError(503, 'ServiceUnavailable', message),
  tooLarge: () =>
    new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'),
  internal: (message: string) =>
    new ApiError(500, 'InternalError', `Internal error occurred: ${message}`),
};
