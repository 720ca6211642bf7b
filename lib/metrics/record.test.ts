import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { countFinishedOperation, countRollback, countTicketDecision } from './record';
import { metrics, resetMetrics } from './registry';

beforeEach(() => resetMetrics());

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));
const op = (kind: string) => ({
  kind,
  environment: 'production',
  createdAt: at(0),
  startedAt: at(2),
});

async function value(name: string, labels: Record<string, string>): Promise<number | undefined> {
  // Histograms list their _sum and _count under the histogram's name.
  const values = (await metrics().registry.getMetricsAsJSON()).flatMap((m) =>
    m.values.filter((v) => ((v as { metricName?: string }).metricName ?? m.name) === name),
  );
  const match = values.find((v) =>
    Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want),
  );
  return match?.value;
}

test('an upgrade helm rolled back counts as outcome rolled_back and one automatic rollback', async () => {
  countFinishedOperation(op('upgrade'), { state: 'failed', details: { rolledBack: true } }, at(32));
  assert.equal(
    await value('helmdeck_operations_total', { kind: 'upgrade', outcome: 'rolled_back' }),
    1,
  );
  assert.equal(await value('helmdeck_operations_total', { outcome: 'failed' }), undefined);
  assert.equal(
    await value('helmdeck_rollbacks_total', {
      trigger: 'automatic',
      reason: 'helm_rollback_on_failure',
    }),
    1,
  );
  assert.equal(await value('helmdeck_operation_duration_seconds_sum', { kind: 'upgrade' }), 30);
  assert.equal(await value('helmdeck_operation_queue_wait_seconds_sum', { kind: 'upgrade' }), 2);
});

test('a rollback a person asked for is manual; one marked automatic counts with its reason', async () => {
  countFinishedOperation(op('rollback'), { state: 'succeeded' }, at(10));
  countFinishedOperation(
    op('rollback'),
    { state: 'succeeded', details: { automatic: 'crash_loop' } },
    at(10),
  );
  countFinishedOperation(op('rollback'), { state: 'failed' }, at(10));
  assert.equal(await value('helmdeck_rollbacks_total', { trigger: 'manual' }), 1);
  assert.equal(
    await value('helmdeck_rollbacks_total', { trigger: 'automatic', reason: 'crash_loop' }),
    1,
  );
});

test('an operation the reconciler settled before it started has no duration', async () => {
  countFinishedOperation({ ...op('install'), startedAt: null }, { state: 'cancelled' }, at(5));
  assert.equal(await value('helmdeck_operations_total', { outcome: 'cancelled' }), 1);
  assert.equal(
    await value('helmdeck_operation_duration_seconds_count', { kind: 'install' }),
    undefined,
  );
});

test('ticket decisions and direct rollbacks count by environment', async () => {
  countTicketDecision('production', 'approve');
  countTicketDecision('production', 'approve');
  countTicketDecision('staging', 'reject');
  countRollback({ environment: 'staging', trigger: 'automatic', reason: 'error_rate' });
  assert.equal(
    await value('helmdeck_ticket_decisions_total', {
      environment: 'production',
      decision: 'approved',
    }),
    2,
  );
  assert.equal(
    await value('helmdeck_ticket_decisions_total', {
      environment: 'staging',
      decision: 'rejected',
    }),
    1,
  );
  assert.equal(await value('helmdeck_rollbacks_total', { reason: 'error_rate' }), 1);
});
