import { describeGrants, type TRoleGrant } from '@/lib/auth/roles';

/** The signed-in user, their roles and the sign-out button (a server action form, works without JS). */
export function UserPanel({
  name,
  email,
  grants,
  signOut,
}: {
  name: string;
  email: string;
  grants: TRoleGrant[];
  signOut: () => Promise<void>;
}) {
  const roles = describeGrants(grants);
  return (
    <div data-testid="user-panel" className="border-t border-slate-800 px-3 py-3">
      <p className="truncate text-sm font-medium text-white">{name}</p>
      <p className="truncate text-xs text-slate-400">{email}</p>
      <ul aria-label="Your roles" className="mt-2 flex flex-wrap gap-1">
        {roles.length === 0 ? <li className="text-xs text-slate-500">No roles yet</li> : null}
        {roles.map((r) => (
          <li
            key={r}
            className="rounded bg-slate-800 px-1.5 py-0.5 text-[11px] font-medium text-slate-200"
          >
            {r}
          </li>
        ))}
      </ul>
      <form action={signOut} className="mt-3">
        <button
          type="submit"
          className="w-full rounded-md border border-slate-700 px-2 py-1 text-xs font-medium text-slate-300 hover:bg-slate-800 hover:text-white"
        >
          Sign out
        </button>
      </form>
    </div>
  );
}
