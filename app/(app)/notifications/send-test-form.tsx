'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { sendTestAction, type TSendTestState } from './actions';

/** One "Send test" button per configured webhook. */
export function SendTestForm({ webhook }: { webhook: string }) {
  const [state, action, pending] = useActionState<TSendTestState, FormData>(sendTestAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="webhook" value={webhook} />
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        {pending ? 'Sending…' : `Send test to ${webhook}`}
      </Button>
      {state ? (
        <p
          role={state.ok ? 'status' : 'alert'}
          className={state.ok ? 'text-xs text-emerald-700' : 'text-xs text-rose-700'}
        >
          {state.ok ? state.data : state.error}
        </p>
      ) : null}
    </form>
  );
}
