// Several instances and crashes: two workers on one database race for one
// release; a worker killed with SIGKILL mid-upgrade is settled from helm's
// own state by reconcileOperations, and the stuck release is recovered. Helm
// never outlives the worker that started it, even when only the worker is
// killed, so the recovery runs alone.
import assert from 'node:assert/strict';
import { killCrashables, kill9, startCrashable } from '@/lib/testing/crashable-process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '@/lib/audit';
import { stopTestServer } from '@/lib/db/test-database';
import { helmHistory } from '@/lib/helm';
import { OperationInProgressError, OperationInputError } from './errors';
import type { TJobPlan } from './job-plan';
import { enqueueOperation, stopQueue } from './queue';
import { reconcileOperations } from './reconcile';
import { releaseRevisions } from './release-state';
import { requestOperation } from './request-operation';
import { configureOperations, operationsRuntime } from './runtime';
import { startFixture, waitFor, waitForFinal, type TFixture } from './testing/fixture';
import { startWorker } from './worker';

const T = { timeout: 300_000 };
let f: TFixture;
const east = { environment: 'production', cluster: 'east', release: 'alpha-members' };
const helmAt = () => ({
  kubeconfig: f.sandbox.kubeconfigPath,
  kubeContext: 'east',
  namespace: 'production',
});

before(async () => {
  f = await startFixture();
});
after(async () => {
  killCrashables();
  await stopQueue();
  await f?.db.drop();
  await stopTestServer();
  await f?.stop();
  configureOperations({});
});

/** The operations worker in a process of its own, to be killed like a crash. */
const spawnWorker = () =>
  startCrashable('lib/operations/testing/worker-process.ts', [
    f.db.url,
    f.configPath,
    f.sandbox.kubeconfigPath,
  ]);

const loc = () => {
  const environment = operationsRuntime().config.environments.find((e) => e.name === 'production')!;
  return { environment, cluster: environment.clusters[0]!, release: 'alpha-members' };
};

/**
 * Reconciles once Postgres has noticed the killed worker: its session (and
 * so the operation's lock) ends a moment after the process dies, and until
 * then reconcile rightly treats the operation as still running.
 */
async function reconcileAfterCrash() {
  let settled: Awaited<ReturnType<typeof reconcileOperations>> = [];
  await waitFor("the dead worker's operation lock to be released", async () => {
    settled = await reconcileOperations();
    return settled.length > 0;
  });
  return settled;
}

/** Live processes whose command line names the operation (helm's --description carries it). */
function helmProcessesOf(operationId: number): number[] {
  const mark = `helmdeck op #${operationId} `;
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      // A zombie is gone but for its exit status; only running processes count.
      if (/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${name}/stat`, 'utf8'))) continue;
    } catch {
      continue;
    }
    if (cmdline.includes(mark)) pids.push(Number(name));
  }
  return pids;
}

async function waitForPending(operationId: number) {
  await waitFor(`operation #${operationId} running with helm mid-upgrade`, async () => {
    const op = await f.db.prisma.operation.findUniqueOrThrow({ where: { id: operationId } });
    const latest = (await releaseRevisions(loc())).at(-1);
    return op.state === 'running' && latest?.status === 'pending-upgrade';
  });
}

describe('restart safety and several instances', () => {
  test('two Helmdeck instances racing on one release run it once', T, async () => {
    const a = await startWorker({ concurrency: 1 });
    const b = await startWorker({ concurrency: 1 });
    try {
      const requests = await Promise.allSettled([
        requestOperation({
          actor: f.rita,
          kind: 'install',
          ...east,
          params: { imageTag: '2.3.0' },
        }),
        requestOperation({
          actor: f.rita,
          kind: 'install',
          ...east,
          params: { imageTag: '2.3.0' },
        }),
      ]);
      const won = requests.filter((r) => r.status === 'fulfilled');
      const lost = requests.filter((r) => r.status === 'rejected');
      assert.equal(won.length, 1, 'one request is queued');
      assert.equal(lost.length, 1);
      const reason = (lost[0] as PromiseRejectedResult).reason as unknown;
      // The loser either hit the per-release lock or, if the winner had already finished, found the release installed.
      assert.ok(
        reason instanceof OperationInProgressError || reason instanceof OperationInputError,
        String(reason),
      );
      const op = (won[0] as PromiseFulfilledResult<{ id: number; jobId: string | null }>).value;
      // The queue delivering the same job twice must not run helm twice either.
      const [job] = await f.db.prisma.$queryRaw<
        { data: TJobPlan }[]
      >`SELECT data FROM pgboss.job WHERE id = ${op.jobId}::uuid`;
      await enqueueOperation(job!.data, 600);
      const done = await waitForFinal(f.db, op.id);
      assert.equal(done.state, 'succeeded', done.error ?? '');
      await waitFor('both jobs to be taken', async () => {
        const rows = await f.db.prisma.$queryRaw<
          { n: bigint }[]
        >`SELECT count(*) AS n FROM pgboss.job WHERE state IN ('created', 'active')`;
        return rows[0]?.n === 0n;
      });
      const started = await f.db.prisma.operationLog.count({
        where: { operationId: op.id, line: { contains: 'started install' } },
      });
      assert.equal(started, 1, 'one worker ran it');
      const history = await helmHistory(helmAt(), { release: 'alpha-members' });
      assert.equal(history.length, 1, 'helm ran once');
      const jobs = await f.db.prisma.$queryRaw<
        { data: TJobPlan }[]
      >`SELECT data FROM pgboss.job WHERE id = ${op.jobId}::uuid`;
      assert.equal(
        jobs[0]?.data.values,
        undefined,
        'values leave the queue once a worker has them',
      );
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  test(
    'a worker killed mid-upgrade leaves needs_recovery; the guided recovery rolls back, audited',
    T,
    async () => {
      const child = await spawnWorker();
      const op = await requestOperation({
        actor: f.rita,
        kind: 'upgrade',
        ...east,
        params: { imageTag: 'unready' },
      });
      await waitForPending(op.id);
      assert.equal(helmProcessesOf(op.id).length, 1, 'helm is running the upgrade');
      await kill9(child);

      const settled = await reconcileAfterCrash();
      assert.deepEqual(helmProcessesOf(op.id), [], 'no helm process remains');
      assert.deepEqual(
        settled.map((s) => [s.operationId, s.state]),
        [[op.id, 'needs_recovery']],
      );
      const row = await f.db.prisma.operation.findUniqueOrThrow({ where: { id: op.id } });
      assert.equal(row.state, 'needs_recovery');
      assert.match(row.error ?? '', /pending-upgrade .*roll back to revision 1/);
      const records = await f.db.prisma.auditRecord.findMany({
        where: { operationId: op.id },
        orderBy: { seq: 'asc' },
      });
      assert.deepEqual(
        records.map((r) => r.outcome),
        ['intent', 'failed'],
      );
      assert.equal((records[1]?.details as { recordedBy?: string }).recordedBy, 'system:reconcile');
      assert.deepEqual(await reconcileOperations(), [], 'never retried or settled twice');

      await assert.rejects(
        requestOperation({
          actor: f.rita,
          kind: 'upgrade',
          ...east,
          params: { imageTag: '2.3.1' },
        }),
        /stuck in pending-upgrade; recover it first/,
      );
      const worker = await startWorker({ concurrency: 1 });
      try {
        const recover = await requestOperation({ actor: f.rita, kind: 'recover', ...east });
        const done = await waitForFinal(f.db, recover.id);
        assert.equal(done.state, 'succeeded', done.error ?? '');
        const history = await helmHistory(helmAt(), { release: 'alpha-members' });
        assert.equal(history.at(-1)?.status, 'deployed');
        assert.equal(history.at(-1)?.description, 'Rollback to 1');
        const recoverAudit = await f.db.prisma.auditRecord.findMany({
          where: { operationId: recover.id },
          orderBy: { seq: 'asc' },
        });
        assert.deepEqual(
          recoverAudit.map((r) => [r.action, r.outcome]),
          [
            ['recover', 'intent'],
            ['recover', 'succeeded'],
          ],
        );
      } finally {
        await worker.stop();
      }
    },
  );

  test(
    'a worker killed alone with SIGKILL takes its helm with it; recovery runs alone',
    T,
    async () => {
      const child = await spawnWorker();
      const op = await requestOperation({
        actor: f.rita,
        kind: 'upgrade',
        ...east,
        params: { imageTag: 'slow' },
      });
      await waitForPending(op.id);
      const [helm] = helmProcessesOf(op.id);
      assert.ok(helm, 'helm is running the upgrade');
      // The worker only, not its process group: helm is in a group of its own anyway.
      child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
      await waitFor('helm to end with its worker', async () => helmProcessesOf(op.id).length === 0);

      const settled = await reconcileAfterCrash();
      assert.deepEqual(
        settled.map((s) => [s.operationId, s.state]),
        [[op.id, 'needs_recovery']],
      );
      assert.equal((await releaseRevisions(loc())).at(-1)?.status, 'pending-upgrade');
      const worker = await startWorker({ concurrency: 1 });
      try {
        const recover = await requestOperation({ actor: f.rita, kind: 'recover', ...east });
        const done = await waitForFinal(f.db, recover.id);
        assert.equal(done.state, 'succeeded', done.error ?? '');
        assert.equal((await releaseRevisions(loc())).at(-1)?.status, 'deployed');
        assert.deepEqual(helmProcessesOf(op.id), [], 'the old upgrade never came back');
      } finally {
        await worker.stop();
      }
      assert.equal((await verifyAuditChain(f.db.prisma)).ok, true);
    },
  );
});
