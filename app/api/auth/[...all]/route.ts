import { getAuth } from '@/lib/auth/auth';
import { AppError, errorResponse } from '@/lib/errors';
import { crossSiteRefusal } from '@/lib/http/cross-site';
import { publicOrigins } from '@/lib/http/public-origin';

// better-auth's own endpoints (session, sign-in, sign-out, OIDC callbacks). Sign-up is disabled in its config.
export async function GET(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}

// Writes come from Helmdeck's own pages only, with or without a cookie: a
// forged sign-in would plant the attacker's session in the victim's browser.
export async function POST(request: Request): Promise<Response> {
  const crossSite = crossSiteRefusal(request, publicOrigins(), { withoutCookie: true });
  if (crossSite) return errorResponse(new AppError('forbidden', crossSite), 'api auth');
  return (await getAuth()).handler(request);
}
