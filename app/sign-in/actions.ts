'use server';

import { APIError } from 'better-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { failureOf, reportError } from '@/lib/errors';
import { getAuth } from '@/lib/auth/auth';
import { SIGN_IN_LOCKED_MESSAGE } from '@/lib/auth/sign-in-limit';
import { SSO_PROVIDER_ID } from '@/lib/auth/sso';
import { getConfig } from '@/lib/config';

const ZSignIn = z.object({
  email: z.email().trim().toLowerCase(),
  password: z.string().min(1).max(128),
});

export interface TSignInState {
  error?: string;
  email?: string;
}

/**
 * The one action that needs no session: it creates one. The per-email limit
 * is counted inside better-auth's sign-in (lib/auth/create-auth's hooks), so
 * this form and /api/auth/sign-in/email share it.
 */
export async function signInAction(_prev: TSignInState, form: FormData): Promise<TSignInState> {
  const email = String(form.get('email') ?? '');
  if (!getConfig().auth.passwordSignIn) {
    return { email, error: 'Password sign-in is off here; use Sign in with SSO.' };
  }
  const parsed = ZSignIn.safeParse({ email, password: form.get('password') });
  if (!parsed.success) return { email, error: 'Enter your email address and password.' };
  try {
    const auth = await getAuth();
    await auth.api.signInEmail({ body: parsed.data, headers: await headers() });
  } catch (error) {
    if (error instanceof APIError && (error.statusCode === 401 || error.statusCode === 403))
      return { email, error: 'Email or password is incorrect.' };
    if (error instanceof APIError && error.statusCode === 429)
      return { email, error: SIGN_IN_LOCKED_MESSAGE };
    return { email, error: failureOf(error, 'sign-in').error };
  }
  redirect('/');
}

/**
 * Starts single sign-on: better-auth records the state, PKCE verifier and
 * nonce (its cookie is written by nextCookies) and answers the provider's
 * authorization URL, where the browser goes next.
 */
export async function ssoSignInAction(): Promise<void> {
  let url: string | undefined;
  try {
    if (!getConfig().auth.oidc) throw new Error('auth.oidc is not configured');
    const auth = await getAuth();
    const started = await auth.api.signInSocial({
      body: { provider: SSO_PROVIDER_ID, callbackURL: '/', errorCallbackURL: '/sign-in' },
      headers: await headers(),
    });
    url = 'url' in started ? started.url : undefined;
  } catch (error) {
    // Typically discovery failing: the provider is down or auth.oidc.issuer is wrong.
    reportError(error, 'starting single sign-on');
  }
  redirect(url ?? '/sign-in?error=sso_unavailable');
}
