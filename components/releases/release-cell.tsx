// One matrix cell: what runs in one place, how healthy it is, who put it there.
import Link from 'next/link';
import { pipelineHref } from '@/components/promotions/format';
import { StatusBadge } from '@/components/ui/status-badge';
import type { TMatrixCell, TMatrixRow } from '@/lib/release-view';
import { LiveDriftBadge, OutsideBadge } from './origin-badge';
import { durationText, healthTone, helmStatusTone, releaseHref } from './format';
import { Time } from '@/components/ui/time';

/** Where this cell lags behind an earlier stage of the promotion order. */
function behindOf(cell: TMatrixCell, drift: TMatrixRow['drift']): string[] {
  return drift.flatMap((d) =>
    d.kind === 'ahead' &&
    d.followsPromotion &&
    d.behind.environment === cell.environment &&
    d.behind.cluster === cell.cluster
      ? [`${d.by} behind ${d.ahead.environment}`]
      : [],
  );
}

export function ReleaseCell({
  cell,
  release,
  now,
  drift = [],
}: {
  cell: TMatrixCell;
  release: string;
  now: number;
  drift?: TMatrixRow['drift'];
}) {
  const behind = behindOf(cell, drift);
  const place = `${release} in ${cell.environment}/${cell.cluster}`;
  const bg = cell.blueGreen;
  const href = bg
    ? `${releaseHref(cell.environment, cell.cluster, release)}/blue-green`
    : releaseHref(cell.environment, cell.cluster, release);
  if (cell.state === 'missing' && !bg) {
    return (
      <div
        data-testid="release-cell"
        data-state="missing"
        aria-label={place}
        className="text-xs text-slate-500"
      >
        not installed
      </div>
    );
  }
  const r = cell.release;
  const stale = cell.state === 'error';
  return (
    <div
      data-testid="release-cell"
      data-state={cell.state}
      aria-label={place}
      className="min-w-44 space-y-1"
    >
      {stale ? (
        <div
          className="rounded border border-rose-200 bg-rose-50 px-2 py-1 text-xs text-rose-800"
          role="status"
        >
          <div className="font-medium">Cluster error</div>
          <div className="line-clamp-2 break-words" title={cell.error ?? undefined}>
            {cell.error}
          </div>
          <div className="text-rose-600">
            {cell.dataAgeMs === null
              ? 'no data yet'
              : `data from ${durationText(cell.dataAgeMs)} ago`}
          </div>
        </div>
      ) : null}
      {bg ? (
        <Link
          href={href}
          data-testid="blue-green"
          className="block text-[11px] font-medium text-indigo-700 hover:underline"
        >
          blue/green · {bg.live ? `live ${bg.live}` : 'no colour live'}
        </Link>
      ) : null}
      {r ? (
        <Link
          href={href}
          className={`block rounded-md px-1 -mx-1 py-0.5 hover:bg-indigo-50/60 ${stale ? 'opacity-60' : ''}`}
        >
          <div className="flex items-center gap-1.5">
            <span
              className="font-mono text-sm font-semibold text-slate-900"
              data-testid="cell-version"
            >
              {r.chartVersion ?? '?'}
            </span>
            <span className="text-xs text-slate-500">rev {r.revision}</span>
            <StatusBadge tone={helmStatusTone(r.status)}>{r.status}</StatusBadge>
          </div>
          <div className="mt-0.5 font-mono text-[11px] text-slate-500">
            app {r.appVersion ?? '—'} · img {r.imageTag ?? '—'}
          </div>
          <Health cell={cell} />
          <div className="mt-0.5 text-[11px] text-slate-500">
            <Time value={r.lastDeployed} now={now} />
            {r.deployedBy ? ` by ${r.deployedBy}` : ''}
          </div>
          <OutsideBadge origin={r.origin} />
          <LiveDriftBadge objects={r.liveDrift} />
        </Link>
      ) : null}
      {r
        ? behind.map((b) => (
            // Behind an earlier stage: the release's pipeline promotes exactly that build here.
            <Link
              key={b}
              href={pipelineHref(release)}
              data-testid="behind"
              title={`Open the ${release} pipeline`}
              className="block text-[11px] font-medium text-sky-700 hover:underline"
            >
              ↓ {b}
            </Link>
          ))
        : null}
    </div>
  );
}

function Health({ cell }: { cell: TMatrixCell }) {
  const h = cell.release?.health;
  if (!h) return <div className="mt-0.5 text-[11px] text-slate-500">no workloads</div>;
  return (
    <div className="mt-1 flex flex-wrap items-center gap-1">
      <StatusBadge tone={healthTone(h.health)} title={`health: ${h.health}`}>
        {h.ready}/{h.desired} ready
      </StatusBadge>
      {h.restarts > 0 ? (
        <span className="text-[11px] font-medium text-amber-700">{h.restarts} restarts</span>
      ) : null}
      {h.worstReason ? (
        <StatusBadge tone={h.worstReason === 'Pending' ? 'warn' : 'fail'}>
          {h.worstReason}
        </StatusBadge>
      ) : null}
    </div>
  );
}
