'use client';

// The overview, kept live: hydrated from the server render, patched by
// deltas from /api/events; searchable and filterable; a table on wide
// screens, one card per release below 1024 px.
import { useDeferredValue, useMemo, useState } from 'react';
import { Panel, EmptyState } from '@/components/ui/panel';
import { ClusterStrip } from './cluster-strip';
import { LiveIndicator } from './live-updates';
import { filterOverview, NO_FILTER, type TOverviewFilter } from './overview-filter';
import { OverviewToolbar } from './overview-toolbar';
import { useOverview } from './queries';
import { ReleaseCards } from './release-cards';
import { ReleaseMatrixTable } from './release-matrix-table';
import { SummaryStrip } from './summary-strip';
import { useNarrow } from './use-narrow';

export function OverviewView() {
  const { data, error, dataUpdatedAt } = useOverview();
  const [filter, setFilter] = useState<TOverviewFilter>(NO_FILTER);
  // Typing stays responsive while thousands of rows are filtered.
  const deferred = useDeferredValue(filter);
  const narrow = useNarrow();
  const shown = useMemo(
    () => (data ? filterOverview(data.columns, data.rows, deferred) : null),
    [data, deferred],
  );
  if (!data || !shown) {
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
  const environments = [...new Set(data.columns.map((c) => c.environment))];
  return (
    <div className="space-y-4">
      <SummaryStrip overview={data} />
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
          <>
            <OverviewToolbar
              filter={filter}
              environments={environments}
              onChange={setFilter}
              shown={shown.rows.length}
              total={data.rows.length}
            />
            {shown.rows.length === 0 ? (
              <EmptyState title="No release matches">Change the search or the filters.</EmptyState>
            ) : narrow ? (
              <ReleaseCards rows={shown.rows} now={now} />
            ) : (
              <ReleaseMatrixTable columns={shown.columns} rows={shown.rows} now={now} />
            )}
          </>
        )}
      </Panel>
    </div>
  );
}
