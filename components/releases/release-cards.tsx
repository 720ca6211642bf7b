'use client';

// The overview on a phone: one card per release, its environments (each
// cluster named) one under the other. Long lists render only the cards in view.
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import type { TMatrixRow } from '@/lib/release-view';
import { DriftBadges } from './drift-badges';
import { ReleaseCell } from './release-cell';

const VIRTUAL_FROM = 60;

export function ReleaseCards({ rows, now }: { rows: TMatrixRow[]; now: number }) {
  const virtual = rows.length >= VIRTUAL_FROM;
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => 320,
    overscan: 4,
    enabled: virtual,
    getItemKey: (i) => rows[i]?.release ?? i,
  });
  const items = virtual
    ? virtualizer.getVirtualItems()
    : rows.map((_, index) => ({ index, start: 0 }));
  const padTop = virtual ? (items[0]?.start ?? 0) : 0;
  return (
    <ul
      aria-label="Releases"
      data-testid="release-cards"
      className="space-y-3 p-3"
      style={virtual ? { height: virtualizer.getTotalSize(), paddingTop: padTop } : undefined}
    >
      {items.map((item) => {
        const row = rows[item.index]!;
        return (
          <li
            key={row.release}
            data-index={item.index}
            ref={virtual ? virtualizer.measureElement : undefined}
            data-testid={`card-${row.release}`}
            className="rounded-lg border border-slate-200 bg-white p-3"
          >
            <div className="font-semibold text-slate-900">{row.release}</div>
            {row.unlisted ? (
              <div className="text-[11px] text-slate-500">not in helmdeck.yaml</div>
            ) : null}
            <div className="mt-1.5">
              <DriftBadges release={row.release} drift={row.drift} />
            </div>
            <dl className="mt-2 divide-y divide-slate-100">
              {row.cells.map((cell) => (
                <div key={`${cell.environment}/${cell.cluster}`} className="py-2">
                  <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">
                    {cell.environment}{' '}
                    <span className="font-normal normal-case">· {cell.cluster}</span>
                  </dt>
                  <dd className="mt-1">
                    <ReleaseCell cell={cell} release={row.release} now={now} drift={row.drift} />
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
