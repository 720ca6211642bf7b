import 'server-only';
import { getAuth } from '@/lib/auth/auth';

/** The user id of the request's better-auth session, or null. */
export async function sessionUserId(headers: Headers): Promise<string | null> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers });
  return session?.user.id ?? null;
}
