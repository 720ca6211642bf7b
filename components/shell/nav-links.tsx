'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import { NavIcon, type TNavIcon } from './nav-icon';

export interface TNavItem {
  href: string;
  label: string;
  icon: TNavIcon;
}

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks({ items }: { items: TNavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {items.map((item) => {
        const active = isActive(pathname, item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors',
              'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-shell-focus',
              active
                ? 'bg-shell-raised text-shell-fg'
                : 'text-shell-text hover:bg-shell-raised/60 hover:text-shell-fg',
            )}
          >
            <NavIcon
              name={item.icon}
              className={active ? 'text-shell-focus' : 'text-shell-muted'}
            />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
