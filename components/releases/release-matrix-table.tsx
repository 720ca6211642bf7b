// Releases × environments × clusters, environment headers spanning their clusters.
import Link from 'next/link';
import type { TMatrixRow } from '@/lib/release-view';
import { DriftBadges } from './drift-badges';
import { ReleaseCell } from './release-cell';

type TColumn = { environment: string; cluster: string };

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
  const multi = new Set(envGroups.filter((g) => g.span > 1).map((g) => g.environment));
  // A left border where a new environment starts keeps the groups readable.
  const starts = new Set(
    columns.map((c, i) => (i === 0 || columns[i - 1]?.environment !== c.environment ? i : -1)),
  );
  return (
    <div className="overflow-x-auto">
      <table aria-label={label} className="min-w-full border-collapse text-left text-sm">
        <thead className="bg-slate-50 text-xs text-slate-500">
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
                rowSpan={multi.has(g.environment) ? 1 : 2}
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
            {columns.map((c, i) =>
              multi.has(c.environment) ? (
                <th
                  key={`${c.environment}/${c.cluster}`}
                  scope="col"
                  className={`border-b border-slate-200 px-3 py-1 font-medium ${starts.has(i) ? 'border-l' : ''}`}
                >
                  {c.cluster}
                </th>
              ) : null,
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr
              key={row.release}
              data-testid={`row-${row.release}`}
              className="align-top hover:bg-slate-50/40"
            >
              <th
                scope="row"
                className="sticky left-0 z-10 w-56 min-w-56 bg-white px-4 py-2.5 text-left font-normal"
              >
                <div className="font-semibold text-slate-900">{row.release}</div>
                {row.unlisted ? (
                  <div className="text-[11px] text-slate-400">not in helmdeck.yaml</div>
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
          ))}
        </tbody>
      </table>
    </div>
  );
}
