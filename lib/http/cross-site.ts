// Cross-site request forgery: a page on another site can make the browser
// send Helmdeck's session cookie with a "simple" request (a form post, a
// no-cors fetch with text/plain) that needs no preflight. Such requests have
// a foreign Origin (or Sec-Fetch-Site other than same-origin) and cannot
// carry content-type application/json, so a cookie-authenticated write must
// show both. A bearer token is not sent by browsers on their own, so
// requests with one are left alone.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the request comes from one of `origins` by the browser's own account. */
export function isSameOrigin(headers: Headers, origins: readonly string[]): boolean {
  const origin = headers.get('origin');
  if (origin !== null) return origins.includes(origin);
  return headers.get('sec-fetch-site') === 'same-origin';
}

/**
 * Why the request is refused as possibly cross-site, or null. Applies to
 * non-GET requests that carry a cookie and no Authorization header, or to
 * every non-GET request with `withoutCookie` (sign-in endpoints: a forged
 * sign-in plants the attacker's session).
 */
export function crossSiteRefusal(
  request: Request,
  origins: readonly string[],
  options: { withoutCookie?: boolean } = {},
): string | null {
  const { headers } = request;
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (headers.get('authorization') !== null) return null;
  if (!options.withoutCookie && !headers.get('cookie')) return null;
  if (!isSameOrigin(headers, origins))
    return `Cross-site request refused: a request signed in by cookie must come from a Helmdeck page (${origins[0]}); scripts send "Authorization: Bearer <API token>".`;
  const type = (headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    return 'Cross-site request refused: a request signed in by cookie must send its body as content-type application/json.';
  return null;
}
