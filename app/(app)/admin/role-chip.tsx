'use client';

import { useActionState } from 'react';
import { ROLE_LABELS, type TGrantOrigin, type TRoleGrant } from '@/lib/auth/roles';
import { revokeRoleAction, type TAdminFormState } from './actions';
import { FormMessage } from './form-message';

const CHIP =
  'inline-flex items-center gap-1 rounded py-0.5 pl-2 text-xs font-medium ring-1 ring-inset';

function originText(origin: TGrantOrigin): string {
  if (origin.source === 'sso') return `SSO group ${origin.group}`;
  return origin.grantedBy ? `granted by ${origin.grantedBy}` : 'granted at setup';
}

/** One role of a user and where it came from; only admin grants can be removed here. */
export function RoleChip({ grant }: { grant: TRoleGrant & { origin: TGrantOrigin } }) {
  const [state, action, pending] = useActionState<TAdminFormState, FormData>(
    revokeRoleAction,
    null,
  );
  const label = `${ROLE_LABELS[grant.role]}${grant.environment ? ` · ${grant.environment}` : ''}`;
  const origin = originText(grant.origin);
  return (
    <li className="inline-flex flex-col">
      {grant.origin.source === 'sso' ? (
        <span
          title="Follows the identity provider's groups at every sign-in"
          className={`${CHIP} bg-teal-50 pr-2 text-teal-900 ring-teal-600/20`}
        >
          {label}
        </span>
      ) : (
        <form
          action={action}
          className={`${CHIP} bg-indigo-50 pr-0.5 text-indigo-800 ring-indigo-600/15`}
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
      )}
      <span className="mt-0.5 text-[11px] text-slate-500">{origin}</span>
      <FormMessage state={state?.ok ? null : state} />
    </li>
  );
}
