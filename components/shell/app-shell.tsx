import { hasRole, type TRoleGrant } from '@/lib/auth/roles';
import { NavLinks, type TNavItem } from './nav-links';
import { UserPanel } from './user-panel';

const NAV: TNavItem[] = [
  { href: '/', label: 'Overview', icon: 'overview' },
  { href: '/environments', label: 'Environments', icon: 'environments' },
  { href: '/releases', label: 'Releases', icon: 'releases' },
  { href: '/operations', label: 'Operations', icon: 'releases' },
  { href: '/flags', label: 'Flags', icon: 'releases' },
  { href: '/tickets', label: 'Tickets', icon: 'tickets' },
  { href: '/audit', label: 'Audit', icon: 'audit' },
  { href: '/settings', label: 'API tokens', icon: 'token' },
];

export function AppShell({
  user,
  signOut,
  children,
}: {
  user: { name: string; email: string; grants: TRoleGrant[] };
  signOut: () => Promise<void>;
  children: React.ReactNode;
}) {
  const items = hasRole(user.grants, 'admin')
    ? [...NAV, { href: '/admin', label: 'Admin', icon: 'admin' as const }]
    : NAV;
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col bg-slate-900">
        <div className="flex h-14 items-center gap-2 px-4">
          <span
            aria-hidden
            className="grid size-7 place-items-center rounded-md bg-indigo-500 text-sm font-bold text-white"
          >
            H
          </span>
          <span className="text-base font-semibold tracking-tight text-white">Helmdeck</span>
        </div>
        <div className="flex-1 overflow-y-auto px-2 py-2">
          <NavLinks items={items} />
        </div>
        <UserPanel name={user.name} email={user.email} grants={user.grants} signOut={signOut} />
      </aside>
      <main className="min-w-0 flex-1">
        <div className="mx-auto max-w-7xl px-6 py-6">{children}</div>
      </main>
    </div>
  );
}
