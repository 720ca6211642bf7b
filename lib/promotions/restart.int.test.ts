// kill -9 of the process running a promotion, between waves and during a
// wave: the next process resumes it from what Postgres recorded. A wave is
// never run twice and never skipped: each cluster gets at most one promote
// operation, and a cluster after one whose operation was cut off is not
// touched until a person looked (needs attention).
import assert from 'node:assert/strict';
import { type ChildProcess } from 'node:child_process';
import { killCrashables, kill9, startCrashable } from '@/lib/testing/crashable-process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '@/lib/audit';
import { parseConfig } from '@/lib/config';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { helmHistory } from '@/lib/helm';
import { configureOperations, stopQueue, type TActor } from '@/lib/operations';
import { createUsers, waitFor } from '@/lib/testing';
import { startSandbox, type TSandbox } from '../../sandbox/index';
import { createPromotion } from './create-promotion';

const T = { timeout: 600_000 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-promo-restart-'));
// The chart cache is shared by this process (it plans promotions) and the ones it kills.
process.env.HELMDECK_DATA_DIR = path.join(dir, 'data');
const chart = path.join(dir, 'alpha-members');
const configPath = path.join(dir, 'helmdeck.yaml');
let sandbox: TSandbox;
let db: TTestDatabase;
const rita: TActor = {
  id: 'u-rita',
  name: 'Rita',
  grants: [
    { role: 'release_manager', environment: 'staging' },
    { role: 'release_manager', environment: 'production' },
  ],
};

// waveSoak leaves a few seconds between waves to kill the process in.
const yaml = () => `
environments:
  - name: staging
    clusters: [{ name: staging, context: staging }]
    namespace: staging
    valuesFiles: [values.yaml, values-staging.yaml]
    timeout: 90s
  - name: production
    clusters: [{ name: east, context: east }, { name: west, context: west }, { name: eu, context: eu }]
    namespace: production
    valuesFiles: [values.yaml, values-prod.yaml]
    timeout: 90s
    waveSoak: 8s
    autoRollback: { crashLoopRestarts: 3, unreadySeconds: 30, oomKilled: true, imagePullFailure: true, watchFor: 2s }
releases:
  - name: alpha-members
    chart: ${chart}
    promotion: [staging, production]
`;

before(async () => {
  cpSync(path.resolve('examples/charts/alpha-members'), chart, { recursive: true });
  writeFileSync(configPath, yaml());
  sandbox = await startSandbox({
    clusters: ['staging', 'east', 'west', 'eu'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  db = await createTestDatabase({ asDefault: true });
  await createUsers(db.prisma, [{ id: rita.id, name: 'Rita', grants: [...rita.grants] }]);
  configureOperations({
    config: parseConfig(yaml(), configPath),
    kubeconfig: sandbox.kubeconfigPath,
  });
});
after(async () => {
  killCrashables();
  await stopQueue();
  await db?.drop();
  await stopTestServer();
  await sandbox?.stop();
  configureOperations({});
  rmSync(dir, { recursive: true, force: true });
});

/** A process that runs the worker, resumes running promotions and runs `id` when given. */
const spawnRunner = (id?: number) =>
  startCrashable(
    'lib/promotions/testing/promotion-process.ts',
    [db.url, configPath, sandbox.kubeconfigPath, ...(id ? [String(id)] : [])],
    'the promotion process',
  );

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

const promotion = (id: number) =>
  db.prisma.promotion.findUniqueOrThrow({
    where: { id },
    include: { steps: { orderBy: { id: 'asc' } } },
  });

const finalPromotion = (id: number) =>
  waitFor(
    `promotion #${id} to finish`,
    async () => {
      const p = await promotion(id);
      return ['succeeded', 'failed', 'aborted', 'needs_attention'].includes(p.state) ? p : null;
    },
    300_000,
  );

/** Puts a build into staging (a promotion with an explicit build, run to its end). */
async function stagingBuild(imageTag: string): Promise<void> {
  const p = await createPromotion({
    actor: rita,
    release: 'alpha-members',
    to: 'staging',
    build: { chartVersion: '1.4.0', imageTag },
  });
  const runner = await spawnRunner(p.id);
  try {
    const done = await finalPromotion(p.id);
    assert.equal(done.state, 'succeeded', done.error ?? '');
  } finally {
    await stop(runner);
  }
}

const revisions = async (context: string) =>
  (
    await helmHistory(
      { kubeconfig: sandbox.kubeconfigPath, kubeContext: context, namespace: 'production' },
      { release: 'alpha-members' },
    ).catch(() => [])
  ).length;

/** The promote operations each cluster got from this promotion. */
async function promoteOps(id: number): Promise<Record<string, number>> {
  const p = await promotion(id);
  const ops = await db.prisma.operation.findMany({
    where: { id: { in: p.steps.flatMap((s) => s.operationIds) }, kind: 'promote' },
  });
  return Object.fromEntries(
    p.steps.map((s) => [s.cluster, ops.filter((o) => o.cluster === s.cluster).length]),
  );
}

describe('a promotion survives kill -9', () => {
  test(
    'killed between waves (east done, soaking), the next process runs west and eu once each and east not again',
    T,
    async () => {
      await stagingBuild('3.1.0');
      const p = await createPromotion({
        actor: rita,
        release: 'alpha-members',
        from: 'staging',
        to: 'production',
      });
      const first = await spawnRunner(p.id);
      await waitFor(
        'east done and west not started',
        async () => {
          const s = await promotion(p.id);
          const by = Object.fromEntries(s.steps.map((x) => [x.cluster, x.state]));
          return by.east === 'succeeded' && by.west === 'pending' ? by : null;
        },
        300_000,
      );
      await kill9(first);
      const eastRevisions = await revisions('east');
      assert.equal((await promotion(p.id)).state, 'running');

      const second = await spawnRunner();
      try {
        const done = await finalPromotion(p.id);
        assert.equal(done.state, 'succeeded', done.error ?? '');
        assert.deepEqual(
          done.steps.map((s) => [s.cluster, s.state]),
          [
            ['east', 'succeeded'],
            ['west', 'succeeded'],
            ['eu', 'succeeded'],
          ],
        );
        assert.deepEqual(await promoteOps(p.id), { east: 1, west: 1, eu: 1 });
        assert.equal(await revisions('east'), eastRevisions, 'east was not deployed again');
      } finally {
        await stop(second);
      }
    },
  );

  test(
    "killed while west's deploy runs, the next process neither deploys west again nor touches eu before someone looked",
    T,
    async () => {
      await stagingBuild('3.2.0');
      const euBefore = await revisions('eu');
      const p = await createPromotion({
        actor: rita,
        release: 'alpha-members',
        from: 'staging',
        to: 'production',
      });
      const first = await spawnRunner(p.id);
      const westBefore = await revisions('west');
      // helm has written west's new revision and is waiting for its rollout.
      await waitFor(
        "west's promote operation changing the release",
        async () => {
          const s = await promotion(p.id);
          const west = s.steps.find((x) => x.cluster === 'west')!;
          if (west.operationIds.length === 0) return null;
          return (await revisions('west')) > westBefore;
        },
        { timeoutMs: 300_000, intervalMs: 20 },
      );
      await kill9(first);

      const second = await spawnRunner();
      try {
        const done = await finalPromotion(p.id);
        const by = Object.fromEntries(done.steps.map((s) => [s.cluster, s.state]));
        assert.equal(by.east, 'succeeded');
        const ops = await promoteOps(p.id);
        assert.equal(ops.east, 1);
        assert.equal(ops.west, 1, 'west was deployed once, never twice');
        if (done.state === 'needs_attention') {
          // The cut-off operation needs a person: eu is left as it was.
          assert.equal(by.west, 'needs_attention');
          assert.equal(by.eu, 'skipped');
          assert.equal(ops.eu, 0);
          assert.equal(await revisions('eu'), euBefore);
          assert.match(done.error ?? '', /^west: /);
        } else {
          // helm had finished before the kill: the reconciled operation counts, eu follows once.
          assert.equal(done.state, 'succeeded', done.error ?? '');
          assert.equal(by.west, 'succeeded');
          assert.equal(ops.eu, 1);
        }
        assert.equal((await verifyAuditChain(db.prisma)).ok, true);
      } finally {
        await stop(second);
      }
    },
  );
});
