'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAuth } from '@/lib/auth/auth';
import { requireUser } from '@/lib/auth/session';
import { SSO_POST_LOGOUT_PATH } from '@/lib/auth/sso';

/**
 * Ends the session. A session that single sign-on created also ends at the
 * provider (RP-initiated logout), which sends the browser back to /sign-in.
 */
export async function signOutAction(): Promise<void> {
  await requireUser();
  const auth = await getAuth();
  const requestHeaders = await headers();
  const session = await auth.api.getSession({ headers: requestHeaders });
  const result = await auth.api.signOut({
    headers: requestHeaders,
    body: { callbackURL: SSO_POST_LOGOUT_PATH, disableRedirect: true },
  });
  redirect(session?.session.viaSso && result.url ? result.url : '/sign-in');
}
