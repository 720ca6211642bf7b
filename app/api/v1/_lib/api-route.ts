// The one wrapper every /api/v1 and /api/events handler goes through:
// authenticate (API token or session), run, answer JSON. Expected errors get
// their status and message; anything else is logged with an id.
// No `server-only` marker so integration tests can call the handlers; the
// session lookup it may need is imported lazily (lib/api-tokens/session-user).
import { randomBytes } from 'node:crypto';
import { authenticateRequest, type TApiPrincipal } from '@/lib/api-tokens/authenticate';
import { ClusterUnavailableError, NotFoundError } from '@/lib/release-view';

/** A request parameter that breaks a rule; the message names both. */
export class BadParamError extends Error {
  constructor(
    readonly param: string,
    readonly rule: string,
  ) {
    super(`Parameter "${param}" ${rule}.`);
    this.name = 'BadParamError';
  }
}

const NO_STORE = { 'cache-control': 'no-store' };

export function jsonError(
  status: number,
  error: string,
  extra: Record<string, unknown> = {},
): Response {
  return Response.json({ error, ...extra }, { status, headers: NO_STORE });
}

/** Authenticates, or answers 401 JSON with how to authenticate. */
export async function withPrincipal(
  request: Request,
  body: (principal: TApiPrincipal) => Promise<Response>,
): Promise<Response> {
  const auth = await authenticateRequest(request.headers);
  if (!auth.ok) {
    return Response.json(
      { error: auth.reason },
      { status: 401, headers: { ...NO_STORE, 'www-authenticate': 'Bearer realm="helmdeck"' } },
    );
  }
  return body(auth.principal);
}

// The read model hands every caller the same object while nothing changed
// (e.g. the overview, shared for up to a second), so its JSON is made once.
const serialised = new WeakMap<object, string>();

function jsonResponse(value: unknown): Response {
  if (typeof value !== 'object' || value === null)
    return Response.json(value, { headers: NO_STORE });
  let text = serialised.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    serialised.set(value, text);
  }
  return new Response(text, { headers: { ...NO_STORE, 'content-type': 'application/json' } });
}

/** A JSON API handler: authenticated, errors mapped to 400/404/503/500. */
export async function apiRoute(
  request: Request,
  name: string,
  body: (principal: TApiPrincipal, url: URL) => Promise<unknown>,
): Promise<Response> {
  try {
    return await withPrincipal(request, async (principal) =>
      jsonResponse(await body(principal, new URL(request.url))),
    );
  } catch (error) {
    if (error instanceof BadParamError)
      return jsonError(400, error.message, { param: error.param });
    if (error instanceof NotFoundError)
      return jsonError(404, error.message, { notFound: error.what });
    if (error instanceof ClusterUnavailableError)
      return jsonError(503, error.message, { cluster: error.cluster });
    const id = randomBytes(4).toString('hex');
    console.error(`[helmdeck] error ${id} in api ${name}:`, error);
    return jsonError(500, `Something went wrong (${id}).`);
  }
}
