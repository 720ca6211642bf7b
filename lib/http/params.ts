// Parameters of the API and of shareable page URLs, checked before anything
// is looked up so a typo answers 400 naming the parameter and the rule, not a 404 or 500.
import { AppError } from '@/lib/errors';

/** A request parameter that breaks a rule; the message names both. */
export class BadParamError extends AppError {
  constructor(
    readonly param: string,
    readonly rule: string,
  ) {
    super('invalid', `Parameter "${param}" ${rule}.`, { param });
    this.name = 'BadParamError';
  }
}

// Helm release names and Kubernetes names: DNS-1123 labels (helm allows 53 chars;
// environment and cluster names from helmdeck.yaml follow the same shape).
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function nameParam(param: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '')
    throw new BadParamError(param, 'is required');
  if (value.length > 63 || !NAME.test(value))
    throw new BadParamError(
      param,
      'must be a lowercase name of letters, digits and "-" (at most 63 characters)',
    );
  return value;
}

export function revisionParam(param: string, value: string | null): number {
  if (value === null || value === '') throw new BadParamError(param, 'is required');
  if (!/^[1-9][0-9]{0,8}$/.test(value))
    throw new BadParamError(param, 'must be a revision number (a positive integer)');
  return Number(value);
}

/** `environment/cluster`, as in `staging/staging` or `production/east`. */
export function placeParam(
  param: string,
  value: string | null,
): { environment: string; cluster: string } {
  if (value === null || value === '')
    throw new BadParamError(param, 'is required, as "environment/cluster"');
  const parts = value.split('/');
  if (parts.length !== 2)
    throw new BadParamError(param, 'must be "environment/cluster", e.g. "production/east"');
  return {
    environment: nameParam(`${param} environment`, parts[0]),
    cluster: nameParam(`${param} cluster`, parts[1]),
  };
}

/** Decoded route segments: Next passes them percent-encoded. */
export async function segments<T extends Record<string, string>>(params: Promise<T>): Promise<T> {
  const raw = await params;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      throw new BadParamError(k, 'is not valid percent-encoding');
    }
  }
  return out as T;
}
