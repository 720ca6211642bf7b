'use client';

// The canary page: stable and canary builds, the weight the canary Ingress
// serves now as a step bar, the analysis results per step with their
// numbers, and the actions: Start canary, Next step, Promote, Abort, Pause
// and Resume. Buttons only guide: the server refuses anything out of order.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { DeployDialog } from '@/components/operations/deploy-dialog';
import { CommandError } from '@/components/operations/dialog';
import { useCommand } from '@/components/operations/use-command';
import { ago } from '@/components/releases/format';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { StatusBadge, type TStatusTone } from '@/components/ui/status-badge';
import type { TActionResult } from '@/lib/errors';
import type { TBuildView, TCanaryRunView, TCanaryView } from '@/lib/canary/view';
import { StrategyActionDialog, type TStrategyAction } from './strategy-action-dialog';
import { Time } from '@/components/ui/time';

const VERDICT_TONE: Record<string, TStatusTone> = {
  pass: 'ok',
  fail: 'fail',
  inconclusive: 'warn',
};
const STATE_TONE: Record<string, TStatusTone> = {
  running: 'info',
  paused: 'warn',
  promoted: 'ok',
  aborted: 'fail',
};

const num = (n: number | null) => (n === null ? '—' : String(Number(n.toPrecision(3))));

function BuildCard({ title, b, now }: { title: string; b: TBuildView | null; now: number }) {
  return (
    <Panel title={title}>
      {!b ? (
        <p className="px-4 py-3 text-sm text-slate-500">not installed</p>
      ) : (
        <dl
          className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 px-4 py-3 text-sm"
          data-testid={`build-${title.toLowerCase()}`}
        >
          {(
            [
              ['Release', <code key="r">{b.release}</code>],
              ['Chart version', b.chartVersion ?? '—'],
              ['Image', b.imageTag ?? '—'],
              ['Revision', `${b.revision} (${b.status})`],
              ['Deployed', <Time key="d" value={b.lastDeployed} now={now} />],
            ] as Array<[string, React.ReactNode]>
          ).map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="text-slate-900">{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </Panel>
  );
}

function StepBar({ steps, weight }: { steps: number[]; weight: number }) {
  return (
    <div className="px-4 py-3">
      <div
        className="relative h-3 rounded-full bg-slate-100"
        role="meter"
        aria-label="Canary weight"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={weight}
      >
        <div className="h-3 rounded-full bg-indigo-500" style={{ width: `${weight}%` }} />
      </div>
      <ol className="mt-2 flex justify-between text-xs text-slate-600">
        {steps.map((s) => (
          <li key={s} className={s <= weight ? 'font-semibold text-indigo-700' : undefined}>
            {s} %
          </li>
        ))}
      </ol>
      <p className="mt-1 text-sm text-slate-700">
        <strong data-testid="canary-weight">{weight} %</strong> of requests go to the canary (read
        from the canary Ingress now).
      </p>
    </div>
  );
}

function Analyses({ run }: { run: TCanaryRunView }) {
  if (run.analyses.length === 0)
    return <p className="px-4 py-3 text-sm text-slate-500">No analysis yet.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid={`analyses-${run.id}`}>
      <thead className="text-xs text-slate-500">
        <tr>
          <th className="px-4 py-1.5 font-medium">When</th>
          <th className="px-2 py-1.5 font-medium">Weight</th>
          <th className="px-2 py-1.5 font-medium">Verdict</th>
          <th className="px-2 py-1.5 font-medium">Metrics (canary / baseline)</th>
        </tr>
      </thead>
      <tbody>
        {run.analyses.map((a) => (
          <tr key={a.id} className="border-t border-slate-100 align-top">
            <td className="px-4 py-1.5">
              <Time value={a.at} />
            </td>
            <td className="px-2 py-1.5">{a.weight} %</td>
            <td className="px-2 py-1.5">
              <StatusBadge tone={VERDICT_TONE[a.verdict] ?? 'neutral'}>{a.verdict}</StatusBadge>
            </td>
            <td className="px-2 py-1.5">
              <ul className="space-y-0.5">
                {a.metrics.map((m) => (
                  <li key={m.metric} title={m.reason}>
                    <span className={m.verdict === 'fail' ? 'text-rose-700' : undefined}>
                      {m.metric}: {num(m.value)}
                      {m.baseline !== null ? ` / ${num(m.baseline)}` : ''}
                    </span>{' '}
                    <span className="text-xs text-slate-500">{m.reason}</span>
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RunTitle({ run }: { run: TCanaryRunView }) {
  return (
    <span className="flex items-center gap-2">
      Canary #{run.id} · image {run.imageTag ?? '—'}
      <StatusBadge tone={STATE_TONE[run.state] ?? 'neutral'}>{run.state}</StatusBadge>
    </span>
  );
}

export function CanaryPanel({
  view,
  canAct,
  control,
}: {
  view: TCanaryView;
  canAct: boolean;
  control: (input: unknown) => Promise<TActionResult<{ state: string }>>;
}) {
  const router = useRouter();
  const now = Date.parse(view.readAt);
  const [dialog, setDialog] = useState<TStrategyAction | 'start' | null>(null);
  const pause = useCommand(control);
  const target = {
    environment: view.place.environment,
    cluster: view.place.cluster,
    release: view.place.release,
  };
  const active = view.active;
  const busy = view.running !== null;
  const next = active ? view.steps[active.stepIndex + 1] : undefined;
  const actions: Array<{
    label: string;
    disabled?: string;
    open: () => void;
    variant?: 'secondary' | 'primary' | 'danger';
  }> = [];
  if (!active)
    actions.push({
      label: 'Start canary',
      disabled: view.stable ? undefined : `${view.place.release} is not installed`,
      open: () => setDialog('start'),
    });
  else {
    actions.push({
      label: next === undefined ? 'Next step' : `Next step (${next} %)`,
      variant: 'secondary',
      disabled: next === undefined ? 'The canary is at its last step: promote it' : undefined,
      open: () =>
        setDialog({
          kind: 'canary_step',
          title: `Move the canary to ${next} %`,
          body: (
            <>
              One PATCH of the canary Ingress <code>{view.ingress}</code>: {next} % of requests go
              to image {active.imageTag}. The step&apos;s interval starts again.
            </>
          ),
          confirm: `Go to ${next} %`,
          params: { weight: next },
        }),
    });
    actions.push({
      label: 'Promote',
      open: () =>
        setDialog({
          kind: 'canary_promote',
          title: `Promote image ${active.imageTag ?? ''} to ${view.place.release}`,
          body: (
            <>
              helm upgrade of the stable release {view.place.release} to the canary&apos;s build,
              then the canary Ingress is removed (weight 0) and {view.canary?.release} uninstalled.
            </>
          ),
          confirm: 'Promote',
          params: active.imageTag ? { imageTag: active.imageTag } : {},
        }),
    });
    actions.push({
      label: active.state === 'paused' ? 'Resume' : 'Pause',
      variant: 'secondary',
      open: () =>
        pause.run({ ...target, action: active.state === 'paused' ? 'resume' : 'pause' }, () =>
          router.refresh(),
        ),
    });
    actions.push({
      label: 'Abort',
      variant: 'danger',
      open: () =>
        setDialog({
          kind: 'canary_abort',
          title: 'Abort the canary',
          body: (
            <>
              Weight 0 (the canary Ingress removed) and {view.canary?.release} uninstalled. The
              stable release is untouched. Like a rollback it needs no ticket.
            </>
          ),
          confirm: 'Abort',
          params: { reason: 'aborted by hand' },
          danger: true,
        }),
    });
  }
  return (
    <div className="space-y-4">
      {view.unavailable ? (
        <p
          role="alert"
          className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
        >
          {view.unavailable}
        </p>
      ) : null}
      {view.metricsMissing ? (
        <p
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800"
          data-testid="metrics-missing"
        >
          {view.metricsMissing}. Steps advance only by hand until it has one.
        </p>
      ) : null}
      <Panel
        title="Traffic"
        aside={`steps ${view.steps.join(' → ')} %, every ${view.stepInterval}${view.automatic ? '' : ' (by hand)'}, abort after ${view.failureLimit} failed analyses`}
      >
        <StepBar steps={view.steps} weight={view.weight} />
      </Panel>
      <div className="grid gap-4 md:grid-cols-2">
        <BuildCard title="Stable" b={view.stable} now={now} />
        <BuildCard title="Canary" b={view.canary} now={now} />
      </div>
      {view.running ? (
        <p className="text-sm text-slate-700">
          <Link href={`/operations/${view.running.id}`} className="text-indigo-700 hover:underline">
            Operation #{view.running.id} ({view.running.kind})
          </Link>{' '}
          is running; one operation at a time across stable, canary and the Ingress.
        </p>
      ) : null}
      {canAct ? (
        <div className="flex flex-wrap gap-2" aria-label="Canary actions">
          {actions.map((a) => (
            <Button
              key={a.label}
              variant={a.variant ?? 'primary'}
              disabled={busy || a.disabled !== undefined || pause.pending}
              title={a.disabled}
              onClick={a.open}
            >
              {a.label}
            </Button>
          ))}
        </div>
      ) : null}
      {pause.failure ? (
        <CommandError message={pause.failure.error} problems={pause.failure.problems} />
      ) : null}
      {[...(active ? [active] : []), ...view.past].map((run) => (
        <Panel
          key={run.id}
          title={<RunTitle run={run} />}
          aside={run.reason ?? (run.finishedAt ? `ended ${ago(run.finishedAt, now)}` : undefined)}
        >
          <Analyses run={run} />
        </Panel>
      ))}
      {dialog === 'start' ? (
        <DeployDialog kind="canary_start" target={target} onClose={() => setDialog(null)} />
      ) : dialog ? (
        <StrategyActionDialog action={dialog} target={target} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}
