'use client';

// Readiness of the release's workloads while the operation runs, from the
// release read model (Kubernetes watches), refreshed on every progress event:
// per object what it waits on (which pod, which container, why).
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
          {d.rollout.reason ? (
            <p data-testid="rollout-reason" className="text-xs text-rose-800">
              Failing: {d.rollout.reason}
            </p>
          ) : null}
          <ul className="divide-y divide-slate-100 text-xs" aria-label="Rollout per object">
            {d.rollout.objects.map((o) => (
              <li key={`${o.kind}/${o.name}`} className="py-1">
                <div className="flex gap-3">
                  <span className="w-24 text-slate-500">{o.kind}</span>
                  <span className="font-mono">{o.name}</span>
                  <span className="ml-auto flex items-center gap-2 tabular-nums">
                    {o.progress}
                    <StatusBadge
                      tone={o.state === 'ready' ? 'ok' : o.state === 'failed' ? 'fail' : 'info'}
                    >
                      {o.state}
                    </StatusBadge>
                  </span>
                </div>
                {o.waitingOn.length ? (
                  <ul className="mt-0.5 ml-27 list-disc pl-4 text-slate-600">
                    {o.waitingOn.map((w) => (
                      <li key={w}>waiting on {w}</li>
                    ))}
                  </ul>
                ) : null}
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
