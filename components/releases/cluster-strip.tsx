// Reachability of every cluster as one compact row: state, latency, data age, error.
import { StatusBadge } from '@/components/ui/status-badge';
import type { TClusterStatus } from '@/lib/release-view';
import { clusterStateTone, durationText } from './format';

export function ClusterStrip({
  clusters,
  environmentOf,
}: {
  clusters: TClusterStatus[];
  environmentOf: (cluster: string) => string | undefined;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table aria-label="Clusters" className="w-full text-left text-xs">
        <thead>
          <tr className="border-b border-slate-100 text-slate-500">
            {clusters.map((c) => (
              <th
                key={c.cluster}
                scope="col"
                className="px-3 pt-2 pb-1 font-medium whitespace-nowrap"
              >
                <span className="text-slate-900">{c.cluster}</span>{' '}
                <span className="font-normal text-slate-500">{environmentOf(c.cluster)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {clusters.map((c) => (
              <td
                key={c.cluster}
                data-testid={`cluster-${c.cluster}`}
                data-state={c.state}
                className="px-3 py-1.5 align-top"
              >
                <div className="flex items-center gap-1.5 whitespace-nowrap">
                  <StatusBadge tone={clusterStateTone(c.state)}>
                    {c.state === 'error' ? 'unreachable' : c.state}
                  </StatusBadge>
                  {c.latencyMs !== null && c.state !== 'error' ? (
                    <span className="text-slate-500">{c.latencyMs} ms</span>
                  ) : null}
                </div>
                {c.error ? (
                  <div className="mt-0.5 max-w-56 truncate text-rose-700" title={c.error}>
                    {c.error}
                  </div>
                ) : null}
                {c.state === 'error' ? (
                  <div className="text-slate-500">
                    {c.dataAgeMs === null
                      ? 'no data yet'
                      : `last good data ${durationText(c.dataAgeMs)} ago`}
                  </div>
                ) : null}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
