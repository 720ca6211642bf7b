import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/session';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage() {
  if (await getCurrentUser()) redirect('/');
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
            Accounts are created by your Helmdeck admin.
          </p>
          <SignInForm />
        </div>
      </div>
    </div>
  );
}
