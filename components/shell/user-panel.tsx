import { describeGrants, type TRoleGrant } from '@/lib/auth/roles';
import { ThemeToggle } from './theme-toggle';

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
    <div data-testid="user-panel" className="border-t border-shell-line px-3 py-3">
      <p className="truncate text-sm font-medium text-shell-fg">{name}</p>
      <p className="truncate text-xs text-shell-muted">{email}</p>
      <ul aria-label="Your roles" className="mt-2 flex flex-wrap gap-1">
        {roles.length === 0 ? <li className="text-xs text-shell-muted">No roles yet</li> : null}
        {roles.map((r) => (
          <li
            key={r}
            className="rounded bg-shell-raised px-1.5 py-0.5 text-[11px] font-medium text-shell-text"
          >
            {r}
          </li>
        ))}
      </ul>
      <div className="mt-3">
        <ThemeToggle />
      </div>
      <form action={signOut} className="mt-2">
        <button
          type="submit"
          className="w-full rounded-md border border-shell-line px-2 py-1 text-xs font-medium text-shell-text hover:bg-shell-raised hover:text-shell-fg focus-visible:outline-2 focus-visible:outline-shell-focus"
        >
          Sign out
        </button>
      </form>
    </div>
  );
}
