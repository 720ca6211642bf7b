// Where Helmdeck is served from: HELMDECK_URL, else the local default, so
// links, OIDC callbacks and the cross-site checks never trust a request's
// own Host or X-Forwarded-Host header.
import { env } from '@/lib/env';

/** The public base URL (no trailing slash). */
export function publicUrl(): string {
  return (env().HELMDECK_URL ?? `http://localhost:${env().PORT}`).replace(/\/+$/, '');
}

/** The origins a browser page of Helmdeck has: the public URL's, and the loopback one `next start -H 127.0.0.1` serves. */
export function publicOrigins(): string[] {
  const origins = new Set([new URL(publicUrl()).origin, `http://127.0.0.1:${env().PORT}`]);
  return [...origins];
}
