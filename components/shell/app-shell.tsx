import { hasRole, type TRoleGrant } from '@/lib/auth/roles';
import { NavLinks, type TNavItem } from './nav-links';
import { ResponsiveNav } from './responsive-nav';
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

function Brand() {
  return (
    <span className="flex items-center gap-2">
      <span
        aria-hidden
        className="grid size-7 place-items-center rounded-md bg-shell-accent text-sm font-bold text-shell-fg"
      >
        H
      </span>
      <span className="text-base font-semibold tracking-tight text-shell-fg">Helmdeck</span>
    </span>
  );
}

export function AppShell({
  user,
  signOut,
  children,
}: {
  user: { name: string; email: string; grants: TRoleGrant[] };
  signOut: () => Promise<void>;
  children: React.ReactNode;
}) {
  // Without a role there is nothing to open.
  const items =
    user.grants.length === 0
      ? []
      : hasRole(user.grants, 'admin')
        ? [
            ...NAV,
            { href: '/notifications', label: 'Notifications', icon: 'notifications' as const },
            { href: '/admin', label: 'Admin', icon: 'admin' as const },
          ]
        : NAV;
  return (
    <div className="min-h-screen lg:flex">
      {/* First in the tab order: past the navigation straight to the page. */}
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-[60]"
      >
        Skip to content
      </a>
      <ResponsiveNav brand={<Brand />}>
        <div className="flex-1 overflow-y-auto px-2 py-2">
          <NavLinks items={items} />
        </div>
        <UserPanel name={user.name} email={user.email} grants={user.grants} signOut={signOut} />
      </ResponsiveNav>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
        <div className="mx-auto max-w-7xl px-4 py-5 sm:px-6 sm:py-6">{children}</div>
      </main>
    </div>
  );
}
