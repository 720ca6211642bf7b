'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { createUserAction, type TAdminFormState } from './actions';
import { FormMessage } from './form-message';

const FIELD =
  'h-9 w-full rounded-md border border-slate-300 px-2.5 text-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none';

export function CreateUserForm() {
  const [state, action, pending] = useActionState<TAdminFormState, FormData>(
    createUserAction,
    null,
  );
  return (
    <form action={action} aria-label="Create user" className="space-y-3 p-4">
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <label className="text-xs font-medium text-slate-600">
          Name
          <input name="name" required className={`mt-1 ${FIELD}`} />
        </label>
        <label className="text-xs font-medium text-slate-600">
          Email
          <input name="email" type="email" required className={`mt-1 ${FIELD}`} />
        </label>
        <label className="text-xs font-medium text-slate-600">
          Initial password
          <input
            name="password"
            type="password"
            minLength={8}
            required
            autoComplete="new-password"
            className={`mt-1 ${FIELD}`}
          />
        </label>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create user'}
        </Button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
