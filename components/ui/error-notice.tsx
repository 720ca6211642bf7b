'use client';

import Link from 'next/link';
import { Button } from './button';

/** "Something went wrong (id)" with a retry; never the error's own text or stack. */
export function ErrorNotice({ digest, reset }: { digest?: string; reset: () => void }) {
  return (
    <div
      role="alert"
      className="mx-auto mt-16 max-w-md rounded-lg border border-rose-200 bg-white p-6 text-center shadow-xs"
    >
      <h1 className="text-base font-semibold text-slate-900">
        Something went wrong{digest ? ` (${digest})` : ''}
      </h1>
      <p className="mt-2 text-sm text-slate-500">
        The error was logged{digest ? ' with this id' : ''}. Try again, or tell your Helmdeck
        administrator.
      </p>
      <div className="mt-4 flex justify-center gap-2">
        <Button variant="secondary" onClick={reset}>
          Try again
        </Button>
        <Link
          href="/"
          className="inline-flex h-9 items-center px-3 text-sm font-medium text-indigo-600 hover:text-indigo-500"
        >
          Overview
        </Link>
      </div>
    </div>
  );
}
