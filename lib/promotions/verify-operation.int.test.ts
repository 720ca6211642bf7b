// Post-deploy verification after ordinary operations: real Postgres, sandbox
// clusters, real helm. An install, an upgrade, a rollback each get their
// checks recorded on the operation and in the audit chain; a failing check
// never changes the operation's outcome.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '@/lib/audit';
import { stopTestServer } from '@/lib/db/test-database';
import { requestOperation } from '@/lib/operations';
import { afterFinishIdle } from '@/lib/operations/after-finish';
import { stopQueue } from '@/lib/operations/queue';
import { configureOperations } from '@/lib/operations/runtime';
import {
  CHART,
  configYaml,
  startFixture,
  waitFor,
  waitForFinal,
  type TFixture,
} from '@/lib/operations/testing/fixture';
import { startWorker, type TWorker } from '@/lib/operations/worker';
import { operationVerification, startOperationVerification } from './verify-operation';

const T = { timeout: 300_000 };
let f: TFixture;
let worker: TWorker;
let stopVerifying: () => void;

// The fixture's configuration, with the release's health endpoint checked too.
const yaml = configYaml().replace(
  `    chart: ${CHART}\n`,
  `    chart: ${CHART}\n    health: { path: /health }\n`,
);

before(async () => {
  f = await startFixture({ yaml });
  stopVerifying = startOperationVerification();
  worker = await startWorker({ concurrency: 2 });
});
after(async () => {
  stopVerifying?.();
  await worker?.stop();
  await afterFinishIdle();
  await stopQueue();
  await f?.db.drop();
  await stopTestServer();
  await f?.stop();
  configureOperations({});
});

/** Runs one operation to success and waits until its verification is recorded. */
async function runVerified(request: Parameters<typeof requestOperation>[0]) {
  const op = await requestOperation(request);
  const done = await waitForFinal(f.db, op.id);
  assert.equal(done.state, 'succeeded', done.error ?? '');
  const verification = await waitFor(`operation #${op.id} verified`, async () => {
    const v = await operationVerification(done);
    return v.state === 'passed' || v.state === 'failed' ? v : null;
  });
  const audit = await f.db.prisma.auditRecord.findMany({
    where: { action: 'operation.verify', release: 'alpha-members', cluster: done.cluster },
    orderBy: { seq: 'asc' },
  });
  const record = audit.find(
    (a) => (a.details as { verifiedOperationId?: number }).verifiedOperationId === op.id,
  );
  return { op: done, verification, record };
}

const verdicts = (v: { checks: Array<{ name: string; verdict: string }> }) =>
  Object.fromEntries(v.checks.map((c) => [c.name, c.verdict]));

describe('post-deploy verification of ordinary operations', () => {
  test(
    'an install is verified (pods, helm test, endpoints, health with the image tag); an upgrade whose chart test fails keeps its outcome and is recorded as failed',
    T,
    async () => {
      const staging = { environment: 'staging', cluster: 'staging', release: 'alpha-members' };
      const install = await runVerified({
        actor: f.rita,
        kind: 'install',
        ...staging,
        params: { imageTag: '2.3.0' },
      });
      assert.equal(install.verification.state, 'passed');
      assert.deepEqual(verdicts(install.verification), {
        pods: 'pass',
        helmTest: 'pass',
        endpoints: 'pass',
        health: 'pass',
      });
      assert.match(
        install.verification.checks.find((c) => c.name === 'health')!.reason,
        /reports version 2\.3\.0/,
      );
      assert.equal(install.record?.outcome, 'succeeded');
      assert.equal(install.record?.actor, 'system:verify');

      // The chart's test pod fails with this tag; the upgrade itself does not run tests.
      const upgrade = await runVerified({
        actor: f.rita,
        kind: 'upgrade',
        ...staging,
        params: { imageTag: '2.3.1', values: 'tests:\n  image:\n    tag: fail\n' },
      });
      assert.equal(upgrade.op.state, 'succeeded');
      assert.equal(upgrade.verification.state, 'failed');
      assert.equal(verdicts(upgrade.verification).helmTest, 'fail');
      assert.equal(verdicts(upgrade.verification).health, 'pass');
      assert.equal(upgrade.record?.outcome, 'failed');
      assert.match(upgrade.record?.error ?? '', /^helmTest: helm test failed/);
      const rows = await f.db.prisma.checkResult.findMany({
        where: { operationId: upgrade.op.id },
      });
      assert.ok(rows.every((r) => r.phase === 'verify' && r.revision === upgrade.op.revisionAfter));
    },
  );

  test(
    'a rollback is verified against the revision it restored, with that revision’s image tag',
    T,
    async () => {
      const east = { environment: 'production', cluster: 'east', release: 'alpha-members' };
      await runVerified({ actor: f.rita, kind: 'install', ...east, params: { imageTag: '1.1.0' } });
      await runVerified({ actor: f.rita, kind: 'upgrade', ...east, params: { imageTag: '1.2.0' } });
      const rollback = await runVerified({ actor: f.rita, kind: 'rollback', ...east });
      assert.equal(rollback.verification.state, 'passed');
      assert.match(
        rollback.verification.checks.find((c) => c.name === 'health')!.reason,
        /reports version 1\.1\.0/,
      );
      // No archive is recorded for a rollback: the release's own test hooks say helm test has work.
      assert.equal(
        rollback.verification.checks.find((c) => c.name === 'helmTest')!.reason,
        'the chart tests passed',
      );
      assert.equal(rollback.record?.outcome, 'succeeded');
      assert.equal((await verifyAuditChain(f.db.prisma)).ok, true);
    },
  );
});
