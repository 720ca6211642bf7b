'use client';

// The overview, kept live: hydrated from the server render, refetched on release events.
import { Panel, EmptyState } from '@/components/ui/panel';
import type { TOverview } from '@/lib/release-view';
import { ClusterStrip } from './cluster-strip';
import { LiveIndicator } from './live-updates';
import { useOverview } from './queries';
import { ReleaseMatrixTable } from './release-matrix-table';
import { SummaryStrip } from './summary-strip';

export function OverviewView() {
  const { data, error, dataUpdatedAt } = useOverview();
  if (!data) {
    return (
      <Panel>
        <EmptyState title="Release status is not available">
          {error?.message ?? 'Loading…'}
        </EmptyState>
      </Panel>
    );
  }
  const now = Date.parse(data.generatedAt);
  const envOf = (cluster: string) => data.columns.find((c) => c.cluster === cluster)?.environment;
  return (
    <div className="space-y-4">
      <SummaryStrip overview={data as TOverview} />
      <ClusterStrip clusters={data.clusters} environmentOf={envOf} />
      <Panel
        title="Releases"
        aside={
          <span className="flex items-center gap-3">
            {error ? <span className="text-rose-600">refresh failed: {error.message}</span> : null}
            <LiveIndicator updatedAt={dataUpdatedAt} />
          </span>
        }
      >
        {data.rows.length === 0 ? (
          <EmptyState title="No releases">
            Configure releases in helmdeck.yaml, or install one with helm.
          </EmptyState>
        ) : (
          <ReleaseMatrixTable columns={data.columns} rows={data.rows} now={now} />
        )}
      </Panel>
    </div>
  );
}
