'use client';

// Readiness of the release's workloads while the operation runs, from the
// release read model (Kubernetes watches), refreshed on every progress event.
import { durationText, healthTone } from '@/components/releases/format';
import { useReleaseDetail } from '@/components/releases/queries';
import { Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import type { TTarget } from './target';

export function WorkloadReadiness({ target }: { target: TTarget }) {
  const q = useReleaseDetail(target.environment, target.cluster, target.release);
  const d = q.data;
  return (
    <Panel
      title="Workload readiness"
      aside={d ? `revision ${d.revision} · ${d.status}` : undefined}
    >
      {!d ? (
        <p className="px-4 py-3 text-sm text-slate-500">{q.error?.message ?? 'Loading…'}</p>
      ) : (
        <div className="space-y-2 px-4 py-3" data-testid="workload-readiness">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <StatusBadge tone={healthTone(d.health.health)}>{d.health.health}</StatusBadge>
            <span>
              {d.health.ready}/{d.health.desired} ready
            </span>
            {d.health.restarts ? (
              <span className="text-slate-500">{d.health.restarts} restarts</span>
            ) : null}
            {d.health.worstReason ? (
              <StatusBadge tone="fail">{d.health.worstReason}</StatusBadge>
            ) : null}
          </div>
          <ul className="divide-y divide-slate-100 text-xs">
            {d.health.workloads.map((w) => (
              <li key={`${w.kind}/${w.name}`} className="flex gap-3 py-1">
                <span className="w-24 text-slate-500">{w.kind}</span>
                <span className="font-mono">{w.name}</span>
                <span className="ml-auto tabular-nums">
                  {w.ready}/{w.desired} ready · {w.updated} updated
                  {w.deadlineExceeded ? ' · progress deadline exceeded' : ''}
                </span>
              </li>
            ))}
            {d.pods.map((p) => (
              <li key={p.name} className="flex gap-3 py-1">
                <span className="w-24 text-slate-500">Pod</span>
                <span className="font-mono">{p.name}</span>
                <span className="ml-auto">
                  {p.ready ? 'ready' : (p.reason ?? p.phase)}
                  {p.restarts ? ` · ${p.restarts} restarts` : ''}
                  {p.ageMs !== null ? ` · ${durationText(p.ageMs)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Panel>
  );
}
