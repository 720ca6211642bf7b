'use client';

// Releases × environments × clusters: environment headers spanning their
// clusters, and a header naming the cluster of every column. Past a few
// hundred rows only the rows in view are rendered (virtualised), inside a
// scroll area whose header stays in place.
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useRef } from 'react';
import type { TMatrixRow } from '@/lib/release-view';
import { DriftBadges } from './drift-badges';
import { ReleaseCell } from './release-cell';

type TColumn = { environment: string; cluster: string };

// Below this many rows every row is rendered: small overviews need no scroll area of their own.
const VIRTUAL_FROM = 100;
const ROW_ESTIMATE_PX = 116;

function groups(columns: TColumn[]): { environment: string; span: number }[] {
  const out: { environment: string; span: number }[] = [];
  for (const c of columns) {
    const last = out[out.length - 1];
    if (last?.environment === c.environment) last.span++;
    else out.push({ environment: c.environment, span: 1 });
  }
  return out;
}

export function ReleaseMatrixTable({
  columns,
  rows,
  now,
  label = 'Release matrix',
}: {
  columns: TColumn[];
  rows: TMatrixRow[];
  now: number;
  label?: string;
}) {
  const envGroups = groups(columns);
  // A left border where a new environment starts keeps the groups readable.
  const starts = new Set(
    columns.map((c, i) => (i === 0 || columns[i - 1]?.environment !== c.environment ? i : -1)),
  );
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = rows.length >= VIRTUAL_FROM;
  // The compiler cannot memoise the virtualizer's functions; it is read fresh each render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    overscan: 6,
    enabled: virtual,
    initialRect: { width: 1280, height: 800 },
    getItemKey: (i) => rows[i]?.release ?? i,
  });
  const items = virtual
    ? virtualizer.getVirtualItems()
    : rows.map((_, index) => ({ index, start: 0, end: 0, key: index }));
  const padTop = virtual ? (items[0]?.start ?? 0) : 0;
  const padBottom = virtual ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  return (
    <div
      ref={scroller}
      className={virtual ? 'max-h-[75vh] overflow-auto' : 'overflow-x-auto'}
      data-testid="matrix-scroller"
      data-virtual={virtual ? 'true' : 'false'}
    >
      <table
        aria-label={label}
        aria-rowcount={rows.length + 2}
        className="min-w-full border-collapse text-left text-sm"
      >
        <thead className="sticky top-0 z-20 bg-slate-50 text-xs text-slate-500">
          <tr>
            <th
              scope="col"
              rowSpan={2}
              className="sticky left-0 z-10 border-b border-slate-200 bg-slate-50 px-4 py-2 font-medium uppercase tracking-wide"
            >
              Release
            </th>
            {envGroups.map((g) => (
              <th
                key={g.environment}
                scope="colgroup"
                colSpan={g.span}
                className="border-b border-l border-slate-200 px-3 py-1.5 font-semibold tracking-wide text-slate-700 uppercase"
              >
                <Link
                  href={`/environments/${encodeURIComponent(g.environment)}`}
                  className="hover:text-indigo-600"
                >
                  {g.environment}
                </Link>
              </th>
            ))}
          </tr>
          <tr>
            {columns.map((c, i) => (
              <th
                key={`${c.environment}/${c.cluster}`}
                scope="col"
                data-testid={`column-${c.environment}-${c.cluster}`}
                className={`border-b border-slate-200 px-3 py-1 font-medium ${starts.has(i) ? 'border-l' : ''}`}
              >
                <span className="sr-only">{c.environment} on cluster </span>
                {c.cluster}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {padTop > 0 ? (
            <tr aria-hidden style={{ height: padTop }}>
              <td colSpan={columns.length + 1} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <tr
                key={row.release}
                data-index={item.index}
                ref={virtual ? virtualizer.measureElement : undefined}
                aria-rowindex={item.index + 3}
                data-testid={`row-${row.release}`}
                className="align-top hover:bg-slate-50/40"
              >
                <th
                  scope="row"
                  className="sticky left-0 z-10 w-56 min-w-56 bg-white px-4 py-2.5 text-left font-normal"
                >
                  <div className="font-semibold text-slate-900">{row.release}</div>
                  {row.unlisted ? (
                    <div className="text-[11px] text-slate-500">not in helmdeck.yaml</div>
                  ) : null}
                  <div className="mt-1.5">
                    <DriftBadges release={row.release} drift={row.drift} />
                  </div>
                </th>
                {row.cells.map((cell, i) => (
                  <td
                    key={`${cell.environment}/${cell.cluster}`}
                    className={`px-3 py-2.5 ${starts.has(i) ? 'border-l border-slate-200' : ''} ${cell.state === 'error' ? 'bg-rose-50/40' : ''}`}
                  >
                    <ReleaseCell cell={cell} release={row.release} now={now} drift={row.drift} />
                  </td>
                ))}
              </tr>
            );
          })}
          {padBottom > 0 ? (
            <tr aria-hidden style={{ height: padBottom }}>
              <td colSpan={columns.length + 1} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
