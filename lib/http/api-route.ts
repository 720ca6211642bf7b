// The one wrapper every route handler under app/api (and the audit export)
// goes through: authenticate (API token or session), run one lib/ function,
// answer. A value becomes JSON; a Response (a stream, a CSV, a 202 with a
// Location) passes as it is; an error becomes errorResponse's answer.
// No `server-only` marker so integration tests can call the handlers; the
// session lookup it may need is imported lazily (lib/api-tokens/session-user).
// Cookie-authenticated writes must be same-origin JSON (lib/http/cross-site).
import { authenticateRequest, type TApiPrincipal } from '@/lib/api-tokens/authenticate';
import { AppError, errorResponse } from '@/lib/errors';
import { crossSiteRefusal } from './cross-site';
import { publicOrigins } from './public-origin';

const NO_STORE = { 'cache-control': 'no-store' };

// The read model hands every caller the same object while nothing changed
// (e.g. the overview, shared for up to a second), so its JSON is made once.
const serialised = new WeakMap<object, string>();

/** A JSON answer with `status` (200 by default) and no caching. */
export function jsonResponse(
  value: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  const headers = { ...NO_STORE, 'content-type': 'application/json', ...init.headers };
  if (typeof value !== 'object' || value === null)
    return new Response(JSON.stringify(value ?? null), { status: init.status, headers });
  let text = serialised.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    serialised.set(value, text);
  }
  return new Response(text, { status: init.status, headers });
}

export type TRouteBody = (principal: TApiPrincipal, url: URL) => Promise<unknown>;

/** An API handler: authenticated, its value answered as JSON (`status` on success), errors mapped. */
export async function apiRoute(
  request: Request,
  name: string,
  body: TRouteBody,
  options: { status?: number } = {},
): Promise<Response> {
  try {
    const crossSite = crossSiteRefusal(request, publicOrigins());
    if (crossSite) throw new AppError('forbidden', crossSite);
    const auth = await authenticateRequest(request.headers);
    if (!auth.ok) throw new AppError('unauthenticated', auth.reason);
    const value = await body(auth.principal, new URL(request.url));
    return value instanceof Response ? value : jsonResponse(value, { status: options.status });
  } catch (error) {
    return errorResponse(error, `api ${name}`);
  }
}

/** The JSON object in the request body, at most `maxBytes` long. */
export async function jsonBody(
  request: Request,
  options: { maxBytes?: number; shape?: string } = {},
): Promise<Record<string, unknown>> {
  const text = await request.text();
  const max = options.maxBytes ?? 1024 * 1024;
  if (text.length > max)
    throw new AppError('too_large', `The request body is larger than ${max / 1024 / 1024} MB.`);
  // No field takes a NUL character, and Postgres refuses it in text: refuse it here, by name.
  if (/\\u0000|\0/i.test(text))
    throw new AppError('invalid', 'The request body contains a NUL character (\\u0000).');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AppError('invalid', `The request body must be ${options.shape ?? 'a JSON object'}.`);
  return body as Record<string, unknown>;
}

/** The context of a route with an `[id]` segment. */
export type TIdParams = { params: Promise<{ id: string }> };

/**
 * A handler that authenticates itself (health probes, /api/metrics with its
 * own token): no user principal, errors through the one error model.
 */
export async function publicRoute(name: string, body: () => Promise<Response>): Promise<Response> {
  try {
    return await body();
  } catch (error) {
    return errorResponse(error, `route ${name}`);
  }
}
