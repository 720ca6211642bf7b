'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { createTokenAction, type TCreateTokenState } from './actions';

export function CreateTokenForm() {
  const [state, action, pending] = useActionState<TCreateTokenState, FormData>(
    createTokenAction,
    null,
  );
  return (
    <div className="space-y-3 px-4 py-3">
      <form action={action} aria-label="Create API token" className="flex items-end gap-2">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Token name
          <input
            name="name"
            required
            maxLength={80}
            placeholder="e.g. ci-pipeline"
            className="h-9 w-72 rounded-md border border-slate-300 px-2.5 text-sm"
          />
        </label>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create token'}
        </Button>
      </form>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-rose-700">
          {state.error}
        </p>
      ) : null}
      {state?.ok ? (
        <div
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2.5"
        >
          <p className="text-sm font-medium text-emerald-900">
            Token “{state.data.name}” created. Copy it now: it is shown only once.
          </p>
          <code
            data-testid="new-token"
            className="mt-1.5 block rounded bg-white px-2 py-1.5 font-mono text-xs break-all text-slate-900 ring-1 ring-emerald-200 select-all"
          >
            {state.data.token}
          </code>
          <p className="mt-1.5 text-xs text-emerald-800">
            Use it as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>, e.g.{' '}
            <code className="font-mono">
              curl -H &quot;Authorization: Bearer $TOKEN&quot;{' '}
              {typeof window === 'undefined' ? '' : window.location.origin}/api/v1/releases
            </code>
          </p>
        </div>
      ) : null}
    </div>
  );
}
