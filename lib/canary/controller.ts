// The canary controller: for each running canary, every analysis window it
// measures the canary track against the stable track in Prometheus, records
// the result (row and audit, with the numbers), and acts through the
// operation registry as the person who started the canary: failureLimit
// failed analyses in a row abort it; a step whose analysis passed for the
// step's interval moves to the next weight, and the last step promotes.
// Everything it decides from is in Postgres and the cluster, so a restarted
// process simply carries on.
import { recordAudit } from '@/lib/audit';
import {
  canaryAnalysis,
  findEnvironment,
  findRelease,
  parseDuration,
  strategyFor,
  type TCanaryStrategy,
} from '@/lib/config';
import { getPrisma } from '@/lib/db';
import {
  metricSource,
  runAnalysis,
  type TAnalysisResult,
  type TBaseline,
  type TTrack,
} from '@/lib/analysis/metrics';
import { requestOperation, operationsRuntime, type TActor } from '@/lib/operations';
import { canaryRelease } from '@/lib/strategies';
import { ACTIVE_CANARY_STATES, type TCanaryRow } from './store';

export type TCanaryDecision =
  | { action: 'wait'; why: string }
  | { action: 'step'; weight: number }
  | { action: 'promote' }
  | { action: 'abort'; reason: string };

/** What to do after an analysis: pure, from the strategy, the row and the latest verdict. */
export function decide(
  s: Pick<TCanaryStrategy, 'steps' | 'stepInterval' | 'automatic' | 'failureLimit'>,
  row: Pick<TCanaryRow, 'stepIndex' | 'stepStartedAt' | 'failures' | 'state'>,
  latest: { verdict: string; reason: string } | null,
  passedThisStep: boolean,
  now: Date,
): TCanaryDecision {
  if (row.failures >= s.failureLimit)
    return {
      action: 'abort',
      reason: `analysis failed ${row.failures} time${row.failures === 1 ? '' : 's'} in a row (failureLimit ${s.failureLimit}): ${latest?.reason ?? 'see the analyses'}`,
    };
  if (row.state !== 'running') return { action: 'wait', why: 'paused' };
  if (!s.automatic) return { action: 'wait', why: 'steps advance by hand (automatic: false)' };
  const due = row.stepStartedAt.getTime() + (parseDuration(s.stepInterval) ?? 0);
  if (now.getTime() < due)
    return { action: 'wait', why: `the step's interval runs until ${new Date(due).toISOString()}` };
  if (!passedThisStep || row.failures > 0 || latest?.verdict !== 'pass')
    return { action: 'wait', why: 'the analysis has not passed at this step yet' };
  const next = s.steps[row.stepIndex + 1];
  return next === undefined ? { action: 'promote' } : { action: 'step', weight: next };
}

async function actorOf(userId: string): Promise<TActor> {
  const user = await (
    await getPrisma()
  ).user.findUnique({ where: { id: userId }, include: { roleGrants: true } });
  return { id: userId, name: user?.name ?? userId, grants: user?.roleGrants ?? [] };
}

/** The canary's strategy from the configuration Helmdeck runs with, or null when it is gone. */
function strategyOf(row: TCanaryRow): TCanaryStrategy | null {
  const configured = findRelease(operationsRuntime().config, row.release);
  const s = configured && strategyFor(configured, row.environment, row.cluster);
  return s && s.type === 'canary' ? s : null;
}

/** One analysis of the canary against the stable track (at 100 %: stable just before the step). */
async function analyse(row: TCanaryRow, s: TCanaryStrategy): Promise<TAnalysisResult | null> {
  const config = operationsRuntime().config;
  const source = await metricSource(config);
  if (source.state !== 'ready' || !config.metrics.prometheus) return null;
  const analysis = canaryAnalysis(config, s);
  const track = (release: string, name: string): TTrack => ({
    namespace: row.namespace,
    release,
    track: name,
    cluster: row.cluster,
  });
  const stable = track(row.release, 'stable');
  const baseline: TBaseline =
    row.weight >= 100
      ? { kind: 'before', before: row.stepStartedAt, window: analysis.window, track: stable }
      : { kind: 'track', track: stable };
  return runAnalysis({
    client: source.client,
    prometheus: config.metrics.prometheus,
    analysis,
    track: track(canaryRelease(row.release), 'canary'),
    baseline,
  });
}

const failedReasons = (r: TAnalysisResult) =>
  r.metrics
    .filter((m) => m.verdict === r.verdict)
    .map((m) => m.reason)
    .join('; ');

async function record(row: TCanaryRow, result: TAnalysisResult): Promise<TCanaryRow> {
  const prisma = await getPrisma();
  await prisma.canaryAnalysis.create({
    data: {
      canaryId: row.id,
      stepIndex: row.stepIndex,
      weight: row.weight,
      verdict: result.verdict,
      result: JSON.parse(JSON.stringify(result)),
    },
  });
  await recordAudit(prisma, {
    actor: 'system:canary',
    actorName: 'canary analysis',
    action: 'canary.analysis',
    outcome: result.verdict === 'fail' ? 'failed' : 'succeeded',
    environment: row.environment,
    cluster: row.cluster,
    namespace: row.namespace,
    release: row.release,
    error: result.verdict === 'fail' ? failedReasons(result) : null,
    details: {
      canaryId: row.id,
      weight: row.weight,
      verdict: result.verdict,
      metrics: result.metrics.map((m) => ({
        metric: m.metric,
        verdict: m.verdict,
        value: m.value,
        baseline: m.baseline,
        reason: m.reason,
      })),
    },
  });
  // Failures in a row: a pass resets them, an inconclusive result leaves them be.
  const failures =
    result.verdict === 'fail' ? row.failures + 1 : result.verdict === 'pass' ? 0 : row.failures;
  return prisma.canary.update({ where: { id: row.id }, data: { failures } });
}

/** One pass over one canary: measure when a window has passed since the last analysis, then act. */
export async function tickCanary(rowId: number, now = new Date()): Promise<TCanaryDecision> {
  const prisma = await getPrisma();
  let row = await prisma.canary.findUnique({ where: { id: rowId } });
  if (!row || !(ACTIVE_CANARY_STATES as readonly string[]).includes(row.state))
    return { action: 'wait', why: 'not in progress' };
  const s = strategyOf(row);
  const env = findEnvironment(operationsRuntime().config, row.environment);
  if (!s || !env) return { action: 'wait', why: 'no longer configured as a canary' };
  const busy = await prisma.operation.findFirst({
    where: {
      environment: row.environment,
      cluster: row.cluster,
      release: row.release,
      state: { in: ['queued', 'running'] },
    },
  });
  if (busy) return { action: 'wait', why: `operation #${busy.id} is running` };
  const last = await prisma.canaryAnalysis.findFirst({
    where: { canaryId: row.id },
    orderBy: { id: 'desc' },
  });
  const windowMs = parseDuration(canaryAnalysis(operationsRuntime().config, s).window) ?? 60_000;
  let latest = last && {
    verdict: last.verdict,
    reason: failedReasons(last.result as TAnalysisResult),
  };
  if (row.state === 'running' && (!last || now.getTime() - last.at.getTime() >= windowMs)) {
    const result = await analyse(row, s);
    if (!result) return { action: 'wait', why: 'metric analysis has no source' };
    row = await record(row, result);
    latest = { verdict: result.verdict, reason: failedReasons(result) };
  }
  const passedThisStep =
    (await prisma.canaryAnalysis.count({
      where: {
        canaryId: row.id,
        stepIndex: row.stepIndex,
        verdict: 'pass',
        at: { gte: row.stepStartedAt },
      },
    })) > 0;
  const decision = decide(s, row, latest ?? null, passedThisStep, now);
  if (decision.action === 'wait') return decision;
  const request = {
    actor: await actorOf(row.startedById),
    environment: row.environment,
    cluster: row.cluster,
    release: row.release,
  };
  if (decision.action === 'abort')
    await requestOperation({
      ...request,
      kind: 'canary_abort',
      params: { reason: decision.reason },
    });
  else if (decision.action === 'step')
    await requestOperation({
      ...request,
      kind: 'canary_step',
      params: { weight: decision.weight },
    });
  else
    await requestOperation({
      ...request,
      kind: 'canary_promote',
      params: row.imageTag ? { imageTag: row.imageTag } : {},
    });
  return decision;
}

export type TCanaryController = { stop(): Promise<void> };

/** Ticks every running canary every `intervalMs`; one pass at a time. */
export function startCanaryController(options: { intervalMs?: number } = {}): TCanaryController {
  const intervalMs = options.intervalMs ?? 5_000;
  let stopped = false;
  let running: Promise<void> | null = null;
  const pass = async () => {
    const prisma = await getPrisma();
    const rows = await prisma.canary.findMany({
      where: { state: { in: [...ACTIVE_CANARY_STATES] } },
      select: { id: true },
    });
    for (const r of rows) {
      if (stopped) return;
      await tickCanary(r.id).catch((e: unknown) =>
        console.error(`[canary] #${r.id}: ${e instanceof Error ? e.message : String(e)}`),
      );
    }
  };
  // A pass still going when the timer fires is left to finish; the next tick comes after it.
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = pass()
      .catch((e: unknown) => console.error('[canary]', e))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
