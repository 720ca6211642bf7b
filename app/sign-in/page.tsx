import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { getCurrentUser } from '@/lib/auth/session';
import { ssoErrorMessage } from '@/lib/auth/sso-errors';
import { getConfig } from '@/lib/config';
import { ssoSignInAction } from './actions';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[] }>;
}) {
  if (await getCurrentUser()) redirect('/');
  const { auth } = getConfig();
  const { error } = await searchParams;
  const ssoError = ssoErrorMessage(typeof error === 'string' ? error : undefined);
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2">
          <span
            aria-hidden
            className="grid size-8 place-items-center rounded-md bg-indigo-600 font-bold text-white"
          >
            H
          </span>
          <span className="text-xl font-semibold tracking-tight">Helmdeck</span>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-1 text-base font-semibold text-slate-900">Sign in</h1>
          <p className="mb-5 text-sm text-slate-500">
            {auth.oidc
              ? 'Use your company account, or a Helmdeck account your admin created.'
              : 'Accounts are created by your Helmdeck admin.'}
          </p>
          {ssoError ? (
            <p
              role="alert"
              className="mb-4 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
            >
              {ssoError}
            </p>
          ) : null}
          {auth.oidc ? (
            <form action={ssoSignInAction} aria-label="Single sign-on">
              <Button type="submit" className="w-full">
                Sign in with SSO
              </Button>
            </form>
          ) : null}
          {auth.oidc && auth.passwordSignIn ? (
            <p className="my-4 flex items-center gap-3 text-xs text-slate-500 before:h-px before:flex-1 before:bg-slate-200 after:h-px after:flex-1 after:bg-slate-200">
              or with a password
            </p>
          ) : null}
          {auth.passwordSignIn ? <SignInForm /> : null}
        </div>
      </div>
    </div>
  );
}
