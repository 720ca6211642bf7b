import { getAuth } from '@/lib/auth/auth';

// better-auth's own endpoints (session, sign-out, later OIDC callbacks). Sign-up is disabled in its config.
export async function GET(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}

export async function POST(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}
