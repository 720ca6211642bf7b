'use client';

// One promotion, live: its build, waves and each cluster's step (state,
// revisions, operations), every check with its verdict, reason and timing,
// and, when it stopped, which cluster, which trigger or check, the evidence
// and what runs where now. Polls the promotions API until it is final.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { CommandError } from '@/components/operations/dialog';
import { useCommand } from '@/components/operations/use-command';
import { queryKeys } from '@/components/query/query-keys';
import { fetchJson } from '@/components/releases/fetch-json';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { StatusBadge, type TStatusTone } from '@/components/ui/status-badge';
import type { TPromotionJson } from '@/lib/promotions/read-promotion';
import { pipelineHref, shortDigest, stateText, stateTone } from './format';
import { usePromotionActions } from './promotion-actions';
import { Time } from '@/components/ui/time';

type TStep = TPromotionJson['steps'][number];
type TCheck = TPromotionJson['checks'][number];
type TTrigger = { check?: string; reason?: string; evidence?: Record<string, unknown> } | null;

const VERDICT: Record<string, TStatusTone> = { pass: 'ok', warn: 'warn', fail: 'fail' };
const PHASE: Record<string, string> = {
  pre_deploy: 'Pre-deploy checks',
  verify: 'Verification',
  watch: 'Automatic-rollback watch',
};

/** What runs on the step's cluster now, in words. */
function runsNow(step: TStep, p: TPromotionJson): string {
  const build = `${p.build.chartVersion} / ${p.build.imageTag}`;
  switch (step.state) {
    case 'succeeded':
      return `runs ${build} (revision ${step.revisionAfter ?? '?'})`;
    case 'rolled_back':
      return `rolled back: runs revision ${step.revisionBefore ?? '?'} again, what ran before`;
    case 'skipped':
    case 'pending':
      return 'untouched: runs what it ran before';
    case 'failed':
      return step.revisionAfter === null
        ? 'unchanged: the step stopped before helm changed it'
        : 'check what runs there';
    case 'needs_attention':
      return 'check what runs there';
    default:
      return `in progress: ${stateText(step.state)}`;
  }
}

function Checks({ checks }: { checks: TCheck[] }) {
  const phases = [...new Set(checks.map((c) => c.phase))];
  return (
    <div className="space-y-2">
      {phases.map((phase) => (
        <div key={phase}>
          <h4 className="text-xs font-medium text-slate-500">{PHASE[phase] ?? phase}</h4>
          <ul className="mt-1 space-y-0.5">
            {checks
              .filter((c) => c.phase === phase)
              .map((c) => (
                <li
                  key={c.id}
                  className="flex items-start gap-2 text-xs"
                  data-check={c.name}
                  data-verdict={c.verdict}
                >
                  <StatusBadge tone={VERDICT[c.verdict] ?? 'neutral'}>{c.verdict}</StatusBadge>
                  <span className="font-medium text-slate-800">{c.label}</span>
                  <span className="text-slate-600">{c.reason}</span>
                  <span className="ml-auto text-slate-500">{c.durationMs} ms</span>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function StepCard({ step, p }: { step: TStep; p: TPromotionJson }) {
  const trigger = step.trigger as TTrigger;
  const checks = p.checks.filter((c) => c.stepId === step.id);
  return (
    <div
      className="space-y-2 rounded-md border border-slate-200 p-3"
      data-step={step.cluster}
      data-state={step.state}
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-semibold text-slate-900">{step.cluster}</span>
        <StatusBadge tone={stateTone(step.state)}>{stateText(step.state)}</StatusBadge>
        <span className="text-xs text-slate-500">
          revision {step.revisionBefore ?? '—'} → {step.revisionAfter ?? '—'}
        </span>
        {step.operationIds.map((id) => (
          <Link
            key={id}
            href={`/operations/${id}`}
            className="text-xs text-indigo-700 hover:underline"
          >
            operation #{id}
          </Link>
        ))}
        {step.rollbackOperationId ? (
          <Link
            href={`/operations/${step.rollbackOperationId}`}
            className="text-xs text-rose-700 hover:underline"
          >
            rollback #{step.rollbackOperationId}
          </Link>
        ) : null}
        {step.soakUntil && step.state === 'succeeded' ? (
          <span className="text-xs text-slate-500">
            soaked until <Time value={step.soakUntil} />
          </span>
        ) : null}
      </div>
      <p className="text-xs text-slate-600" data-testid="runs-now">
        {runsNow(step, p)}
      </p>
      {trigger?.check ? (
        <div
          role="status"
          className="rounded border border-rose-200 bg-rose-50 px-2 py-1.5 text-xs text-rose-900"
          data-testid="trigger"
        >
          <p>
            <strong>
              {trigger.check.startsWith('deploy') ? 'Deploy failed' : 'Rolled back by'}
            </strong>{' '}
            <code>{trigger.check}</code>: {trigger.reason}
          </p>
          {trigger.evidence ? (
            <p className="mt-0.5 font-mono text-[11px] text-rose-800">
              {Object.entries(trigger.evidence)
                .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
                .join(' · ')}
            </p>
          ) : null}
        </div>
      ) : step.error ? (
        <p className="text-xs text-rose-700">{step.error}</p>
      ) : null}
      {checks.length > 0 ? <Checks checks={checks} /> : null}
    </div>
  );
}

export function PromotionLive({
  initial,
  canControl,
}: {
  initial: TPromotionJson;
  canControl: boolean;
}) {
  const query = useQuery({
    queryKey: queryKeys.promotions.detail(initial.id),
    queryFn: async () =>
      (await fetchJson<{ promotion: TPromotionJson }>(`/api/v1/promotions/${initial.id}`))
        .promotion,
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.final ? false : 1500),
  });
  const p = query.data;
  const control = useCommand(usePromotionActions().control);
  const waves = p.waves as string[][];
  const active = ['pending', 'running', 'paused'].includes(p.state);
  return (
    <div className="space-y-4">
      <Panel
        title={
          <span className="flex items-center gap-2">
            Promotion #{p.id}
            <StatusBadge tone={stateTone(p.state)}>
              <span data-testid="promotion-state">{stateText(p.state)}</span>
            </StatusBadge>
          </span>
        }
        aside={
          <Link href={pipelineHref(p.release)} className="hover:text-indigo-600">
            {p.release} pipeline
          </Link>
        }
      >
        <div className="space-y-2 px-4 py-3 text-sm text-slate-700">
          <p>
            {p.fromEnvironment ?? 'explicit build'} → <strong>{p.toEnvironment}</strong>: chart{' '}
            <strong>{p.build.chartVersion}</strong> (archive{' '}
            <code title={p.build.chartDigest}>{shortDigest(p.build.chartDigest)}</code>), image{' '}
            <strong>{p.build.imageTag}</strong>
            {p.ticketId ? (
              <>
                {' '}
                · ticket{' '}
                <Link href={`/tickets/${p.ticketId}`} className="text-indigo-700 hover:underline">
                  #{p.ticketId}
                </Link>
              </>
            ) : null}
          </p>
          {p.error ? (
            <p role="alert" className="text-rose-800" data-testid="promotion-error">
              Stopped{p.failedCluster ? ` at ${p.failedCluster}` : ''}: {p.error}
            </p>
          ) : null}
          {canControl && active ? (
            <div className="flex gap-2">
              {p.state === 'paused' ? (
                <Button
                  size="sm"
                  disabled={control.pending}
                  onClick={() => control.run({ id: p.id, action: 'resume' }, () => query.refetch())}
                >
                  Resume
                </Button>
              ) : (
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={control.pending || p.pauseRequested}
                  onClick={() => control.run({ id: p.id, action: 'pause' }, () => query.refetch())}
                >
                  {p.pauseRequested ? 'Pausing after this wave…' : 'Pause after this wave'}
                </Button>
              )}
              <Button
                size="sm"
                variant="danger"
                disabled={control.pending || p.abortRequested}
                onClick={() => control.run({ id: p.id, action: 'abort' }, () => query.refetch())}
              >
                {p.abortRequested ? 'Aborting before the next wave…' : 'Abort'}
              </Button>
            </div>
          ) : null}
          {control.failure ? (
            <CommandError message={control.failure.error} problems={control.failure.problems} />
          ) : null}
        </div>
      </Panel>
      {waves.map((clusters, w) => (
        <Panel key={w} title={`Wave ${w + 1}: ${clusters.join(' + ')}`}>
          <div className="grid gap-3 px-4 py-3 md:grid-cols-2" data-wave={w + 1}>
            {p.steps
              .filter((s) => s.wave === w)
              .map((s) => (
                <StepCard key={s.id} step={s} p={p} />
              ))}
          </div>
        </Panel>
      ))}
    </div>
  );
}
