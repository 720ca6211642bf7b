'use client';

// The navigation column: always shown from 1024 px; below that, a top bar
// with a menu button that opens it as a drawer (focus kept inside, Escape or
// a link closes it).
import { useCallback, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { useFocusTrap } from '@/components/ui/use-focus-trap';

export function ResponsiveNav({
  brand,
  children,
}: {
  brand: React.ReactNode;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const drawer = useRef<HTMLElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useFocusTrap(drawer, open, close);
  return (
    <>
      <header className="sticky top-0 z-30 flex h-14 items-center gap-3 bg-shell px-3 lg:hidden">
        <button
          type="button"
          aria-expanded={open}
          aria-controls="main-navigation"
          onClick={() => setOpen(true)}
          className="grid size-9 place-items-center rounded-md text-shell-fg hover:bg-shell-raised focus-visible:outline-2 focus-visible:outline-shell-focus"
        >
          <span className="sr-only">Menu</span>
          <LineIcon path="M4 6h16M4 12h16M4 18h16" />
        </button>
        {brand}
      </header>
      {open ? (
        <div aria-hidden className="fixed inset-0 z-40 bg-black/50 lg:hidden" onClick={close} />
      ) : null}
      <aside
        ref={drawer}
        id="main-navigation"
        aria-label="Navigation"
        // A link followed inside the drawer closes it.
        onClick={(e) => {
          if ((e.target as HTMLElement).closest('a')) close();
        }}
        className={cn(
          'fixed inset-y-0 left-0 z-50 flex w-64 flex-col bg-shell shadow-xl',
          'lg:sticky lg:top-0 lg:z-auto lg:visible lg:h-screen lg:w-56 lg:shrink-0 lg:shadow-none',
          open ? 'visible' : 'invisible',
        )}
      >
        <div className="flex h-14 items-center justify-between gap-2 px-4">
          {brand}
          <button
            type="button"
            onClick={close}
            className="grid size-8 place-items-center rounded-md text-shell-muted hover:text-shell-fg focus-visible:outline-2 focus-visible:outline-shell-focus lg:hidden"
          >
            <span className="sr-only">Close menu</span>
            <LineIcon path="M6 6l12 12M18 6 6 18" />
          </button>
        </div>
        {children}
      </aside>
    </>
  );
}

/** The menu and close buttons' icons: one stroked 24-unit path. */
function LineIcon({ path }: { path: string }) {
  return (
    <svg
      aria-hidden
      viewBox="0 0 24 24"
      className="size-5"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
    >
      <path d={path} />
    </svg>
  );
}
