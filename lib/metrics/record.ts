// What the rest of Helmdeck calls to count things. Each function is cheap and
// never throws: a metric must not be the reason an operation or a decision fails.
import { metrics } from './registry';

type TFinishedOperation = {
  kind: string;
  environment: string;
  createdAt: Date;
  startedAt: Date | null;
};
type TFinalOutcome = { state: string; details?: Record<string, unknown> };

/** Why helm's own rollback of a failed install/upgrade counts as automatic. */
export const HELM_ROLLBACK_ON_FAILURE = 'helm_rollback_on_failure';

function safely(count: () => void): void {
  try {
    count();
  } catch (e) {
    console.error(`[metrics] not counted: ${(e as Error).message}`);
  }
}

/**
 * An operation reached its final state: its outcome, how long it ran and
 * waited, and the rollback it was or caused. A `rollback` operation counts
 * as manual unless its outcome's details carry `automatic: '<reason>'`.
 */
export function countFinishedOperation(
  op: TFinishedOperation,
  outcome: TFinalOutcome,
  finishedAt: Date,
): void {
  safely(() => {
    const m = metrics();
    const { kind, environment } = op;
    const helmRolledBack = outcome.details?.rolledBack === true;
    const label = outcome.state === 'failed' && helmRolledBack ? 'rolled_back' : outcome.state;
    m.operations.inc({ kind, environment, outcome: label });
    if (op.startedAt) {
      m.queueWait.observe({ kind, environment }, seconds(op.startedAt, op.createdAt));
      m.operationDuration.observe({ kind, environment }, seconds(finishedAt, op.startedAt));
    }
    if (helmRolledBack)
      m.rollbacks.inc({ environment, trigger: 'automatic', reason: HELM_ROLLBACK_ON_FAILURE });
    if (kind === 'rollback' && outcome.state === 'succeeded') {
      const automatic = outcome.details?.automatic;
      if (typeof automatic === 'string' && automatic !== '')
        m.rollbacks.inc({ environment, trigger: 'automatic', reason: automatic });
      else m.rollbacks.inc({ environment, trigger: 'manual', reason: 'requested' });
    }
  });
}

/**
 * A rollback that did not run as a `rollback` operation (or whose operation
 * does not carry `automatic` in its outcome): counts it once.
 * `reason`: a short snake_case word, e.g. crash_loop, unready, oom_killed, error_rate.
 */
export function countRollback(r: {
  environment: string;
  trigger: 'manual' | 'automatic';
  reason: string;
}): void {
  safely(() => metrics().rollbacks.inc(r));
}

/** A promotion into `environment` ended: outcome e.g. succeeded, failed, aborted. */
export function countPromotion(p: { environment: string; outcome: string }): void {
  safely(() => metrics().promotions.inc(p));
}

/** An approver approved or rejected a ticket of `environment`. */
export function countTicketDecision(environment: string, decision: 'approve' | 'reject'): void {
  safely(() =>
    metrics().ticketDecisions.inc({
      environment,
      decision: decision === 'approve' ? 'approved' : 'rejected',
    }),
  );
}

/** One HTTP request answered by the Next server. */
export function observeHttpRequest(
  r: { route: string; method: string; status: number },
  durationSeconds: number,
): void {
  safely(() =>
    metrics().httpDuration.observe(
      { route: r.route, method: r.method, status: String(r.status) },
      durationSeconds,
    ),
  );
}

function seconds(later: Date, earlier: Date): number {
  return Math.max(0, (later.getTime() - earlier.getTime()) / 1000);
}
