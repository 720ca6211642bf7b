'use client';

// The release page: a live header and tabs kept in the URL (?tab=), so any view is shareable.
import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { EmptyState, Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { clusterStateTone, durationText, healthTone, helmStatusTone } from './format';
import { LiveIndicator } from './live-updates';
import { ClaimedText, OutsideBadge } from './origin-badge';
import { ReleaseLiveDrift } from './release-live-drift';
import { useReleaseDetail, useReleaseHistory } from './queries';
import { ReleaseEvents } from './release-events';
import { ReleaseHistoryTable } from './release-history';
import { ReleaseLogs } from './release-logs';
import { ReleaseManifest } from './release-manifest';
import { ReleaseNetwork } from './release-network';
import { ReleaseValues } from './release-values';
import { ReleaseWorkloads } from './release-workloads';
import { RELEASE_TABS, TAB_LABELS, type TReleaseTab } from './release-tabs';
import { Time } from '@/components/ui/time';

type TProps = { environment: string; cluster: string; release: string; tab: TReleaseTab };

export function ReleaseDetailView({ environment, cluster, release, tab }: TProps) {
  const detail = useReleaseDetail(environment, cluster, release);
  const history = useReleaseHistory(environment, cluster, release);
  const d = detail.data;
  if (!d)
    return (
      <Panel>
        <EmptyState title="Release status is not available">
          {detail.error?.message ?? 'Loading…'}
        </EmptyState>
      </Panel>
    );
  const now = detail.dataUpdatedAt;
  const cs = d.clusterStatus;
  return (
    <div className="space-y-4">
      {cs.state === 'error' ? (
        <div
          role="status"
          className="rounded-md border border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-800"
        >
          {cs.error} — showing data from{' '}
          {cs.dataAgeMs === null ? 'an unknown time' : `${durationText(cs.dataAgeMs)} ago`}.
        </div>
      ) : null}
      <section
        aria-label="Release summary"
        className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs sm:grid-cols-3 lg:grid-cols-6"
      >
        <Fact label="Helm status">
          <StatusBadge tone={helmStatusTone(d.status)}>{d.status}</StatusBadge>
          <span className="ml-1.5 text-xs text-slate-500">rev {d.revision}</span>
        </Fact>
        <Fact label="Health">
          <StatusBadge tone={healthTone(d.health.health)}>{d.health.health}</StatusBadge>
          <span className="ml-1.5 text-xs text-slate-600">
            {d.health.ready}/{d.health.desired} ready
            {d.health.restarts ? ` · ${d.health.restarts} restarts` : ''}
          </span>
          {d.health.worstReason ? (
            <div className="mt-1">
              <StatusBadge tone="fail">{d.health.worstReason}</StatusBadge>
            </div>
          ) : null}
        </Fact>
        <Fact label="Chart">
          <span className="font-mono text-sm">
            {d.chart.name}-{d.chart.version}
          </span>
        </Fact>
        <Fact label="App / image">
          <span className="font-mono text-sm">
            {d.chart.appVersion ?? '—'} · {d.imageTag ?? '—'}
          </span>
        </Fact>
        <Fact label="Last deployed">
          <span className="text-sm">
            <Time value={d.lastDeployed} now={now} />
          </span>
          {d.deployedBy ? <span className="text-xs text-slate-500"> by {d.deployedBy}</span> : null}
          {d.origin?.by === 'outside' ? (
            <span className="ml-1.5">
              <OutsideBadge origin={d.origin} />
            </span>
          ) : null}
        </Fact>
        <Fact label="Cluster">
          <StatusBadge tone={clusterStateTone(cs.state)}>{cluster}</StatusBadge>
          <span className="ml-1.5 font-mono text-xs text-slate-500">ns/{d.namespace}</span>
        </Fact>
        {d.origin?.by === 'outside' ? (
          <p className="col-span-full">
            <ClaimedText origin={d.origin} />
          </p>
        ) : d.description ? (
          <p className="col-span-full text-xs text-slate-500">“{d.description}”</p>
        ) : null}
      </section>
      <ReleaseLiveDrift drift={d.liveDrift} />
      <div className="flex items-end justify-between border-b border-slate-200">
        <nav aria-label="Release sections" className="-mb-px flex gap-1">
          {RELEASE_TABS.map((t) => (
            <Link
              key={t}
              href={t === 'status' ? '?' : `?tab=${t}`}
              scroll={false}
              aria-current={t === tab ? 'page' : undefined}
              className={cn(
                'border-b-2 px-3 py-2 text-sm font-medium',
                t === tab
                  ? 'border-indigo-600 text-indigo-700'
                  : 'border-transparent text-slate-500 hover:text-slate-800',
              )}
            >
              {TAB_LABELS[t]}
              {t === 'history' && history.data ? (
                <span className="ml-1 text-xs text-slate-500">{history.data.revisions.length}</span>
              ) : null}
              {t === 'events' ? (
                <span className="ml-1 text-xs text-slate-500">
                  {d.events.filter((e) => e.type === 'Warning').length}
                </span>
              ) : null}
            </Link>
          ))}
        </nav>
        <div className="pb-2">
          <LiveIndicator updatedAt={detail.dataUpdatedAt} />
        </div>
      </div>
      {tab === 'status' ? <ReleaseWorkloads detail={d} now={now} /> : null}
      {tab === 'history' ? (
        history.data ? (
          <ReleaseHistoryTable history={history.data} now={now} />
        ) : (
          <Panel>
            <EmptyState title="History is not available">
              {history.error?.message ?? 'Loading…'}
            </EmptyState>
          </Panel>
        )
      ) : null}
      {tab === 'network' ? <ReleaseNetwork detail={d} /> : null}
      {tab === 'events' ? <ReleaseEvents events={d.events} now={now} /> : null}
      {tab === 'logs' ? <ReleaseLogs detail={d} /> : null}
      {tab === 'values' ? <ReleaseValues values={d.values} /> : null}
      {tab === 'manifest' ? <ReleaseManifest manifest={d.manifest} hooks={d.hooks} /> : null}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <div className="text-[11px] font-medium tracking-wide text-slate-500 uppercase">{label}</div>
      <div className="mt-0.5">{children}</div>
    </div>
  );
}
