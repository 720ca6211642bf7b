'use client';

import { useActionState } from 'react';
import { ROLE_LABELS, type TRoleGrant } from '@/lib/auth/roles';
import { revokeRoleAction, type TAdminFormState } from './actions';
import { FormMessage } from './form-message';

export function RoleChip({ grant }: { grant: TRoleGrant }) {
  const [state, action, pending] = useActionState<TAdminFormState, FormData>(
    revokeRoleAction,
    null,
  );
  const label = `${ROLE_LABELS[grant.role]}${grant.environment ? ` · ${grant.environment}` : ''}`;
  return (
    <li className="inline-flex flex-col">
      <form
        action={action}
        className="inline-flex items-center gap-1 rounded bg-indigo-50 py-0.5 pr-0.5 pl-2 text-xs font-medium text-indigo-800 ring-1 ring-indigo-600/15 ring-inset"
      >
        <input type="hidden" name="grantId" value={grant.id} />
        {label}
        <button
          type="submit"
          disabled={pending}
          aria-label={`Remove ${label}`}
          className="grid size-4 place-items-center rounded text-indigo-500 hover:bg-indigo-100 hover:text-indigo-900"
        >
          ×
        </button>
      </form>
      <FormMessage state={state?.ok ? null : state} />
    </li>
  );
}
