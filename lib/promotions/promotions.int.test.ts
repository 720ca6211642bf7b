// Promotions end to end with real helm (4 and 3), a real worker and
// Postgres: staging to production in three waves, a failure in west that
// stops before eu (east keeps the new build, west is rolled back), and the
// gates that refuse a promotion, each naming itself.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '@/lib/audit';
import { parseConfig } from '@/lib/config';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import {
  bundledToolPath,
  helmGetValues,
  helmHistory,
  inspectHelm,
  type THelmBinary,
} from '@/lib/helm';
import { configureOperations, stopQueue, type TActor } from '@/lib/operations';
import { startWorker, type TWorker } from '@/lib/operations/worker';
import { createUsers } from '@/lib/testing';
import { startSandbox, type TSandbox } from '../../sandbox/index';
import { createPromotion, PromotionGateError, runPromotion } from './index';

const T = { timeout: 600_000 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-promo-'));
const chart = path.join(dir, 'alpha-members');
let sandbox: TSandbox;
let db: TTestDatabase;
let worker: TWorker;
const rita: TActor = {
  id: 'u-rita',
  name: 'Rita',
  grants: [
    { role: 'release_manager', environment: 'staging' },
    { role: 'release_manager', environment: 'production' },
  ],
};

const configYaml = (extra = '') => `
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
    autoRollback: { crashLoopRestarts: 3, unreadySeconds: 30, oomKilled: true, imagePullFailure: true, watchFor: 2s }
${extra}
releases:
  - name: alpha-members
    chart: ${chart}
    promotion: [staging, production]
    health: { path: /health }
`;

function configure(helm: THelmBinary, extra = '') {
  configureOperations({
    config: parseConfig(configYaml(extra), path.join(dir, 'helmdeck.yaml')),
    kubeconfig: sandbox.kubeconfigPath,
    helm,
  });
}

before(async () => {
  cpSync(path.resolve('examples/charts/alpha-members'), chart, { recursive: true });
  sandbox = await startSandbox({
    clusters: ['staging', 'east', 'west', 'eu'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  db = await createTestDatabase({ asDefault: true });
  await createUsers(db.prisma, [{ id: rita.id, name: 'Rita', grants: [...rita.grants] }]);
  configure(await inspectHelm(bundledToolPath('helm')));
  worker = await startWorker({ concurrency: 4 });
});
after(async () => {
  await worker?.stop();
  await stopQueue();
  await db?.drop();
  await stopTestServer();
  await sandbox?.stop();
  configureOperations({});
  rmSync(dir, { recursive: true, force: true });
});

const helmAt = (helm: THelmBinary, context: string, namespace: string) => ({
  helm,
  kubeconfig: sandbox.kubeconfigPath,
  kubeContext: context,
  namespace,
});
const tagOf = async (helm: THelmBinary, context: string) =>
  (
    (await helmGetValues(helmAt(helm, context, 'production'), { release: 'alpha-members' }))
      .image as { tag?: string } | undefined
  )?.tag;

async function promote(input: Parameters<typeof createPromotion>[0]) {
  const p = await createPromotion(input);
  await runPromotion(p.id, { watchIntervalMs: 250 });
  return db.prisma.promotion.findUniqueOrThrow({
    where: { id: p.id },
    include: { steps: { orderBy: { id: 'asc' } }, build: true },
  });
}

for (const tool of ['helm', 'helm3'] as const) {
  describe(`promotions with ${tool}`, () => {
    let helm: THelmBinary;
    before(async () => {
      helm = await inspectHelm(bundledToolPath(tool));
      configure(helm);
      rmSync(path.join(chart, 'values-west.yaml'), { force: true });
      await db.prisma.promotion.deleteMany({});
    });

    test(
      'release manager promotes staging to production east, west and eu, one wave at a time',
      T,
      async () => {
        const tag = `2.4.0-${tool === 'helm' ? 'a' : 'b'}`;
        const dev = await promote({
          actor: rita,
          release: 'alpha-members',
          to: 'staging',
          build: { chartVersion: '1.4.0', imageTag: tag },
        });
        assert.equal(dev.state, 'succeeded', dev.error ?? '');
        const prod = await promote({
          actor: rita,
          release: 'alpha-members',
          from: 'staging',
          to: 'production',
        });
        assert.equal(
          prod.state,
          'succeeded',
          prod.error ?? prod.steps.map((s) => `${s.cluster}: ${s.error}`).join('; '),
        );
        assert.equal(prod.build.id, dev.build.id, 'the same build: chart digest and image tag');
        assert.deepEqual(
          prod.steps.map((s) => [s.wave, s.cluster, s.state]),
          [
            [0, 'east', 'succeeded'],
            [1, 'west', 'succeeded'],
            [2, 'eu', 'succeeded'],
          ],
        );
        // Waves never overlap: each started after the previous one was verified.
        for (let i = 1; i < prod.steps.length; i++)
          assert.ok(prod.steps[i]!.startedAt! >= prod.steps[i - 1]!.verifiedAt!);
        for (const c of ['east', 'west', 'eu']) assert.equal(await tagOf(helm, c), tag);
        const ops = await db.prisma.operation.findMany({
          where: { kind: 'promote', environment: 'production' },
          orderBy: { id: 'desc' },
          take: 3,
        });
        for (const op of ops) {
          assert.equal(op.chartVersion, '1.4.0');
          assert.equal((op.params as { digest?: string }).digest, prod.build.chartDigest);
        }
        const checks = await db.prisma.checkResult.findMany({ where: { promotionId: prod.id } });
        assert.ok(checks.some((c) => c.phase === 'pre_deploy' && c.name === 'lint'));
        assert.ok(
          checks.some((c) => c.phase === 'verify' && c.name === 'health' && c.verdict === 'pass'),
        );
        assert.equal((await verifyAuditChain(db.prisma)).ok, true);
      },
    );

    test(
      'a failed verification in west rolls west back and stops before eu; east keeps the new build',
      T,
      async () => {
        // West's own values make the chart's test fail there only.
        writeFileSync(path.join(chart, 'values-west.yaml'), 'tests: { image: { tag: "fail" } }\n');
        const before = await tagOf(helm, 'west');
        const westRevisions = (
          await helmHistory(helmAt(helm, 'west', 'production'), { release: 'alpha-members' })
        ).length;
        const tag = `2.5.0-${tool === 'helm' ? 'a' : 'b'}`;
        const staged = await promote({
          actor: rita,
          release: 'alpha-members',
          to: 'staging',
          build: { chartVersion: '1.4.0', imageTag: tag },
        });
        assert.equal(staged.state, 'succeeded', staged.error ?? '');
        const prod = await promote({
          actor: rita,
          release: 'alpha-members',
          from: 'staging',
          to: 'production',
        });
        assert.equal(prod.state, 'failed');
        assert.equal(prod.failedCluster, 'west');
        assert.deepEqual(
          prod.steps.map((s) => [s.cluster, s.state]),
          [
            ['east', 'succeeded'],
            ['west', 'rolled_back'],
            ['eu', 'skipped'],
          ],
        );
        assert.match(prod.steps[1]!.error ?? '', /helmTest/);
        assert.equal(await tagOf(helm, 'east'), tag);
        assert.equal(await tagOf(helm, 'west'), before, 'west runs what it ran before');
        assert.notEqual(await tagOf(helm, 'eu'), tag, 'eu was not touched');
        const history = await helmHistory(helmAt(helm, 'west', 'production'), {
          release: 'alpha-members',
        });
        assert.equal(history.length, westRevisions + 2, 'one upgrade and one rollback in west');
        const rollback = await db.prisma.auditRecord.findFirst({
          where: { action: 'rollback.automatic', cluster: 'west' },
          orderBy: { seq: 'desc' },
        });
        assert.equal(rollback?.outcome, 'succeeded');
        rmSync(path.join(chart, 'values-west.yaml'));
      },
    );
  });
}

describe('promotion gates', () => {
  test(
    'no ticket, a ticket for another build, soak not met, non-semver: each refused naming its gate',
    T,
    async () => {
      configure(await inspectHelm(bundledToolPath('helm')), '');
      const strict = configYaml().replace(
        '    autoRollback:',
        '    requireTicket: true\n    semverOnly: true\n    minSoak: 1h\n    autoRollback:',
      );
      configureOperations({
        config: parseConfig(strict, path.join(dir, 'helmdeck.yaml')),
        kubeconfig: sandbox.kubeconfigPath,
      });
      await db.prisma.promotion.deleteMany({});
      const staged = await promote({
        actor: rita,
        release: 'alpha-members',
        to: 'staging',
        build: { chartVersion: '1.4.0', imageTag: '3f2a9c1' },
      });
      assert.equal(staged.state, 'succeeded', staged.error ?? '');
      const refused = async (ticketId?: number) => {
        try {
          await createPromotion({
            actor: rita,
            release: 'alpha-members',
            from: 'staging',
            to: 'production',
            ticketId,
          });
        } catch (e) {
          assert.ok(e instanceof PromotionGateError, String(e));
          return e.refusals;
        }
        assert.fail('the promotion was not refused');
      };
      const gates = await refused();
      assert.deepEqual(gates.map((g) => g.gate).sort(), ['minSoak', 'semverOnly', 'ticket']);
      assert.ok(gates.find((g) => g.gate === 'minSoak')?.opensAt instanceof Date);
      const ticket = await db.prisma.changeTicket.create({
        data: {
          release: 'alpha-members',
          environment: 'production',
          clusters: ['east', 'west', 'eu'],
          chartVersion: '1.3.0',
          imageTag: '3f2a9c1',
          contentHash: 'x',
          state: 'approved',
          requesterId: rita.id,
        },
      });
      const other = (await refused(ticket.id)).find((g) => g.gate === 'ticket');
      assert.match(other?.reason ?? '', /names chart 1\.3\.0 .* not this build's 1\.4\.0/);
      const denied = await db.prisma.auditRecord.findMany({
        where: { action: 'promotion.create', outcome: 'denied' },
      });
      assert.ok(denied.length >= 2);
    },
  );
});
