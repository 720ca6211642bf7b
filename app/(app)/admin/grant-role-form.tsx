'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ROLE_LABELS, ROLES, type TRole } from '@/lib/auth/roles';
import { grantRoleAction, type TAdminFormState } from './actions';
import { FormMessage } from './form-message';

const SELECT =
  'h-7 rounded-md border border-slate-300 bg-white px-1.5 text-xs focus:border-indigo-500 focus:outline-none disabled:bg-slate-50 disabled:text-slate-400';

/** Adds a role; release managers can be limited to one environment per grant. */
export function GrantRoleForm({
  userId,
  userName,
  environments,
}: {
  userId: string;
  userName: string;
  environments: string[];
}) {
  const [state, action, pending] = useActionState<TAdminFormState, FormData>(grantRoleAction, null);
  const [role, setRole] = useState<TRole>('viewer');
  return (
    <form
      action={action}
      aria-label={`Add role for ${userName}`}
      className="flex flex-wrap items-center gap-1.5"
    >
      <input type="hidden" name="userId" value={userId} />
      <select
        name="role"
        aria-label="Role"
        value={role}
        onChange={(e) => setRole(e.target.value as TRole)}
        className={SELECT}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <select
        name="environment"
        aria-label="Environment"
        disabled={role !== 'release_manager'}
        className={SELECT}
      >
        <option value="">All environments</option>
        {environments.map((e) => (
          <option key={e} value={e}>
            {e} only
          </option>
        ))}
      </select>
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        Add
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
