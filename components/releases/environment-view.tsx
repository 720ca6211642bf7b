'use client';

// One environment, live: its releases as in the overview, plus quota use and warning events per cluster.
import { EmptyState, Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { clusterStateTone } from './format';
import { LiveIndicator } from './live-updates';
import { useEnvironment } from './queries';
import { ReleaseMatrixTable } from './release-matrix-table';
import { Time } from '@/components/ui/time';

export function EnvironmentView({ environment }: { environment: string }) {
  const { data, error, dataUpdatedAt } = useEnvironment(environment);
  if (!data)
    return (
      <Panel>
        <EmptyState title="Environment status is not available">
          {error?.message ?? 'Loading…'}
        </EmptyState>
      </Panel>
    );
  const now = Date.parse(data.generatedAt);
  return (
    <div className="space-y-4">
      <Panel
        title={`Releases in ${data.environment}`}
        aside={<LiveIndicator updatedAt={dataUpdatedAt} />}
      >
        {data.rows.length === 0 ? (
          <EmptyState title="No releases in this environment" />
        ) : (
          <ReleaseMatrixTable
            columns={data.columns}
            rows={data.rows}
            now={now}
            label={`Releases in ${data.environment}`}
          />
        )}
      </Panel>
      <div className="grid gap-4 lg:grid-cols-2">
        {data.namespaces.map((ns) => (
          <Panel
            key={ns.cluster}
            title={
              <span className="flex items-center gap-2">
                {ns.cluster}{' '}
                <span className="font-mono text-xs font-normal text-slate-500">
                  ns/{ns.namespace}
                </span>
                <StatusBadge tone={clusterStateTone(ns.status.state)}>
                  {ns.status.state}
                </StatusBadge>
              </span>
            }
          >
            <div className="space-y-3 px-4 py-3">
              {ns.status.error ? <p className="text-xs text-rose-700">{ns.status.error}</p> : null}
              <section aria-label={`Quota on ${ns.cluster}`}>
                <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                  Resource quota
                </h3>
                {ns.quotas.length === 0 ? (
                  <p className="text-xs text-slate-500">No ResourceQuota in this namespace.</p>
                ) : (
                  ns.quotas.map((q) => (
                    <table key={q.name} className="w-full text-xs">
                      <tbody>
                        {q.resources.map((r) => (
                          <tr key={r.resource} className="border-b border-slate-100 last:border-0">
                            <td className="py-1 font-mono text-slate-600">{r.resource}</td>
                            <td className="py-1 text-right font-mono">
                              {r.used ?? '?'} <span className="text-slate-500">/ {r.hard}</span>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ))
                )}
              </section>
              <section aria-label={`Warning events on ${ns.cluster}`}>
                <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                  Warning events ({ns.warnings.length})
                </h3>
                {ns.warnings.length === 0 ? (
                  <p className="text-xs text-slate-500">No warnings.</p>
                ) : (
                  <ul className="max-h-64 divide-y divide-slate-100 overflow-y-auto text-xs">
                    {ns.warnings.map((w, i) => (
                      <li key={i} className="py-1.5">
                        <div className="flex items-center gap-2">
                          <StatusBadge tone="warn">{w.reason}</StatusBadge>
                          <span className="font-mono text-slate-600">{w.object}</span>
                          <span className="ml-auto text-slate-500">
                            {w.count > 1 ? `×${w.count} · ` : ''}
                            <Time value={w.lastSeen} now={now} />
                          </span>
                        </div>
                        <p className="mt-0.5 text-slate-600">{w.message}</p>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </div>
          </Panel>
        ))}
      </div>
    </div>
  );
}
