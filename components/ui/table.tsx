import type { TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cn } from './cn';

// Dense tables: the main way Helmdeck shows lists of environments, releases and records.

// The first column stays in view while the rest scrolls sideways under it.
const STICKY_FIRST_COLUMN =
  '[&_tr>*:first-child]:sticky [&_tr>*:first-child]:left-0 [&_tr>*:first-child]:z-[1] [&_tbody_tr>*:first-child]:bg-white [&_thead_tr>*:first-child]:bg-slate-50';

/**
 * A table that scrolls inside its card when wider than it, with a shadow cue at
 * the edge; the scroll area is focusable so keyboard users can scroll it too.
 */
export function Table({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="scroll-cue overflow-x-auto">
      <table
        aria-label={label}
        className={cn('min-w-full border-collapse text-left text-sm', STICKY_FIRST_COLUMN)}
      >
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: React.ReactNode }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
      {children}
    </thead>
  );
}

export function TBody({ children }: { children: React.ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}

export function Tr({ children, className }: { children: React.ReactNode; className?: string }) {
  return <tr className={cn('align-top hover:bg-slate-50/60', className)}>{children}</tr>;
}

export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn('px-4 py-2 font-medium whitespace-nowrap', className)}
      {...rest}
    />
  );
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn('px-4 py-2.5 text-slate-700', className)} {...rest} />;
}
