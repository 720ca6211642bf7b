// The write path end to end: real Postgres, a sandbox cluster, real helm.
// Each case works on a release of its own (the same chart under another
// name), installs what it needs itself, and so runs beside the others.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '@/lib/audit';
import { stopTestServer } from '@/lib/db/test-database';
import { helmHistory } from '@/lib/helm';
import { ForbiddenError, OperationInProgressError, OperationInputError } from './errors';
import { previewOperation } from './preview-operation';
import { stopQueue } from './queue';
import { requestOperation } from './request-operation';
import { configureOperations } from './runtime';
import { configYaml, startFixture, waitForFinal, type TFixture } from './testing/fixture';
import { startWorker, type TWorker } from './worker';

const T = { timeout: 300_000 };
let f: TFixture;
let worker: TWorker;
const RELEASES = ['install', 'upgrade', 'preview', 'crash', 'busy', 'gate', 'input', 'audit'];
const inStaging = (name: string) => ({
  environment: 'staging',
  cluster: 'staging',
  release: `alpha-members-${name}`,
});
const helmAt = () => ({
  kubeconfig: f.sandbox.kubeconfigPath,
  kubeContext: 'staging',
  namespace: 'staging',
});
const historyOf = (release: string) => helmHistory(helmAt(), { release });

/** Runs one operation through the queue to success; its final row. */
async function succeeded(request: Omit<Parameters<typeof requestOperation>[0], 'actor'>) {
  const op = await requestOperation({ actor: f.rita, ...request });
  const final = await waitForFinal(f.db, op.id);
  assert.equal(final.state, 'succeeded', final.error ?? '');
  return final;
}

const installed = (at: ReturnType<typeof inStaging>, imageTag = '2.3.0') =>
  succeeded({ kind: 'install', ...at, params: { imageTag } });

before(async () => {
  f = await startFixture({ yaml: configYaml(RELEASES.map((r) => `alpha-members-${r}`)) });
  worker = await startWorker({ concurrency: 2 });
});
after(async () => {
  await worker?.stop();
  await stopQueue();
  await f?.db.drop();
  await stopTestServer();
  await f?.stop();
  configureOperations({});
});

const audit = (operationId: number) =>
  f.db.prisma.auditRecord.findMany({ where: { operationId }, orderBy: { seq: 'asc' } });

describe('operations', { concurrency: true }, () => {
  test(
    'release manager installs alpha-members into staging; intent and outcome are audited',
    T,
    async () => {
      const at = inStaging('install');
      const op = await requestOperation({
        actor: f.rita,
        kind: 'install',
        ...at,
        params: { imageTag: '2.3.0' },
      });
      assert.equal(op.state, 'queued');
      const done = await waitForFinal(f.db, op.id);
      assert.equal(done.state, 'succeeded', done.error ?? '');
      assert.equal(done.revisionAfter, 1);
      const records = await audit(op.id);
      assert.deepEqual(
        records.map((r) => [r.action, r.outcome, r.actor]),
        [
          ['install', 'intent', 'u-rita'],
          ['install', 'succeeded', 'u-rita'],
        ],
      );
      const history = await historyOf(at.release);
      assert.equal(history[0]?.description, `helmdeck op #${op.id} by Rita`);
    },
  );

  test(
    'release manager upgrades staging to a new image tag; helm output is streamed into the log',
    T,
    async () => {
      const at = inStaging('upgrade');
      await installed(at);
      const op = await requestOperation({
        actor: f.rita,
        kind: 'upgrade',
        ...at,
        params: { imageTag: '2.3.1', values: 'replicaCount: 3\n' },
      });
      const done = await waitForFinal(f.db, op.id);
      assert.equal(done.state, 'succeeded', done.error ?? '');
      assert.equal(done.revisionBefore, 1);
      assert.equal(done.revisionAfter, 2);
      assert.equal(done.imageTag, '2.3.1');
      assert.match(done.valuesDigest ?? '', /^[0-9a-f]{64}$/);
      const records = await audit(op.id);
      assert.deepEqual(
        records.map((r) => r.outcome),
        ['intent', 'succeeded'],
      );
      assert.equal(records[1]?.revisionAfter, 2);
      const logs = await f.db.prisma.operationLog.findMany({ where: { operationId: op.id } });
      assert.ok(
        logs.some((l) => /started upgrade/.test(l.line)),
        'the log says what started',
      );
    },
  );

  test(
    'preview shows the values and manifest diff of an upgrade and a rollback, and changes nothing',
    T,
    async () => {
      const at = inStaging('preview');
      await installed(at);
      await succeeded({
        kind: 'upgrade',
        ...at,
        params: { imageTag: '2.3.1', values: 'replicaCount: 3\n' },
      });
      const before = await historyOf(at.release);
      const up = await previewOperation({
        actor: f.rita,
        kind: 'upgrade',
        ...at,
        params: { imageTag: '2.4.0' },
      });
      assert.deepEqual(
        up.values.find((c) => c.path === 'image.tag'),
        { path: 'image.tag', change: 'changed', secret: false, from: '2.3.1', to: '2.4.0' },
      );
      // The one-off replicaCount of the last upgrade is not repeated: staging's values file says 2 again.
      assert.deepEqual(
        up.values.find((c) => c.path === 'replicaCount'),
        { path: 'replicaCount', change: 'changed', secret: false, from: 3, to: 2 },
      );
      const deployment = up.manifest.resources.find((r) => r.kind === 'Deployment');
      assert.equal(deployment?.change, 'changed');
      assert.match(deployment?.unified ?? '', /\+.*members:2\.4\.0/);
      const back = await previewOperation({
        actor: f.rita,
        kind: 'rollback',
        ...at,
        params: { revision: 1 },
      });
      assert.equal(back.to.revision, 1);
      assert.ok(back.values.some((c) => c.path === 'image.tag' && c.to === '2.3.0'));
      await assert.rejects(
        previewOperation({
          actor: f.vic,
          kind: 'upgrade',
          ...at,
          params: { imageTag: '2.4.0' },
        }),
        ForbiddenError,
      );
      assert.deepEqual(await historyOf(at.release), before, 'a preview runs nothing');
    },
  );

  test(
    'an upgrade to image tag crashloop fails, helm rolls it back, both are audited',
    T,
    async () => {
      const at = inStaging('crash');
      await installed(at);
      const op = await requestOperation({
        actor: f.rita,
        kind: 'upgrade',
        ...at,
        params: { imageTag: 'crashloop', values: 'progressDeadlineSeconds: 10\n' },
      });
      const done = await waitForFinal(f.db, op.id);
      assert.equal(done.state, 'failed');
      assert.match(done.error ?? '', /rolled the change back/);
      const records = await audit(op.id);
      assert.deepEqual(
        records.map((r) => r.outcome),
        ['intent', 'failed'],
      );
      assert.equal((records[1]?.details as { rolledBack?: boolean }).rolledBack, true);
      const history = await historyOf(at.release);
      assert.deepEqual(
        history.slice(-2).map((h) => h.status),
        ['failed', 'deployed'],
      );
    },
  );

  test(
    'a second request on the same release is refused as in progress while the first runs',
    T,
    async () => {
      const at = inStaging('busy');
      // Two revisions, so the rollback below has somewhere to go and only the busy lock refuses it.
      await installed(at);
      await succeeded({ kind: 'upgrade', ...at, params: { imageTag: '2.3.1' } });
      const first = await requestOperation({
        actor: f.rita,
        kind: 'upgrade',
        ...at,
        params: { imageTag: '2.3.2' },
      });
      await assert.rejects(
        requestOperation({ actor: f.rita, kind: 'rollback', ...at }),
        (e: unknown) => {
          assert.ok(e instanceof OperationInProgressError, String(e));
          assert.equal(e.message, `operation #${first.id} (upgrade by Rita) in progress`);
          return true;
        },
      );
      assert.equal((await waitForFinal(f.db, first.id)).state, 'succeeded');
      const rollback = await requestOperation({ actor: f.rita, kind: 'rollback', ...at });
      const done = await waitForFinal(f.db, rollback.id);
      assert.equal(done.state, 'succeeded', done.error ?? '');
      assert.equal(done.targetRevision, first.revisionBefore ?? 0);
    },
  );

  test('a viewer cannot roll back; the refusal is audited and nothing runs', T, async () => {
    const at = { ...inStaging('busy'), release: 'alpha-members' };
    const before = await f.db.prisma.operation.count({ where: { requestedById: 'u-vic' } });
    await assert.rejects(
      requestOperation({ actor: f.vic, kind: 'rollback', ...at }),
      (e: unknown) => {
        assert.ok(e instanceof ForbiddenError);
        assert.match(e.message, /Release manager role for staging/);
        return true;
      },
    );
    assert.equal(await f.db.prisma.operation.count({ where: { requestedById: 'u-vic' } }), before);
    const denied = await f.db.prisma.auditRecord.findFirst({
      where: { outcome: 'denied', actor: 'u-vic' },
    });
    assert.equal(denied?.action, 'rollback');
    assert.equal(denied?.release, at.release);
  });

  test(
    'a gate refusing inside the start transaction writes nothing; one passing stores ticket and break-glass',
    T,
    async () => {
      const at = inStaging('gate');
      await installed(at);
      const mine = { where: { release: at.release } };
      const ops = await f.db.prisma.operation.count(mine);
      const records = await f.db.prisma.auditRecord.count(mine);
      const gate = async () => {
        throw new ForbiddenError('production needs an approved ticket');
      };
      await assert.rejects(
        requestOperation({ actor: f.rita, kind: 'test', ...at, gate }),
        /approved ticket/,
      );
      assert.equal(await f.db.prisma.operation.count(mine), ops);
      assert.equal(await f.db.prisma.auditRecord.count(mine), records);
      let sawRequest = '';
      const op = await requestOperation({
        actor: f.rita,
        kind: 'test',
        ...at,
        breakGlassReason: 'outage INC-7',
        gate: async (_tx, v) => void (sawRequest = `${v.kind} ${v.environment.name}`),
      });
      assert.equal(sawRequest, 'test staging');
      assert.equal(op.breakGlassReason, 'outage INC-7');
      const done = await waitForFinal(f.db, op.id);
      assert.equal(done.state, 'succeeded', done.error ?? '');
      const intent = await f.db.prisma.auditRecord.findFirst({
        where: { operationId: op.id, outcome: 'intent' },
      });
      assert.equal((intent?.details as { breakGlass?: string }).breakGlass, 'outage INC-7');
    },
  );

  describe('bad input gives a clear error and runs nothing', () => {
    const at = inStaging('input');
    // Five revisions: more than staging's historyMax of 4 keeps, so revision 1 is pruned.
    before(async () => {
      await installed(at);
      for (const tag of ['2.3.1', '2.3.2', '2.3.3', '2.3.4'])
        await succeeded({ kind: 'upgrade', ...at, params: { imageTag: tag } });
    });
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        'a release name starting with "-"',
        { release: '-alpha' },
        /release: must not start with "-"/,
      ],
      ["a release name outside helm's rules", { release: 'Alpha_Members' }, /lowercase letters/],
      [
        'an unknown environment',
        { environment: 'qa' },
        /environment: "qa" is not in the configuration/,
      ],
      ['an unknown cluster', { cluster: 'west' }, /cluster: "west" is not a cluster of staging/],
      ['an unknown release', { release: 'gamma' }, /"gamma" is not a release in the configuration/],
      [
        'malformed YAML',
        { params: { values: 'image:\n  tag: [1, 2\n' } },
        /values: YAML line \d+, column \d+/,
      ],
      [
        'values that break the chart schema',
        { params: { values: 'replicaCount: many\n' } },
        /do not fit the chart[\s\S]*replicaCount/,
      ],
      [
        'a chart outside the allow-list',
        { params: { chart: 'bitnami/nginx', version: '1.0.0' } },
        /not in the configuration's allowed charts/,
      ],
      [
        '4.5 MB of values, more than one Helm release can hold',
        { params: { values: `blob: "${'x'.repeat(4.5 * 1024 * 1024)}"\n` } },
        /values: 4\.5 MiB is more than one Helm release can hold; the limit is 1 MiB/,
      ],
      [
        '40 levels of nesting',
        {
          params: {
            values: JSON.stringify(
              Array.from({ length: 40 }).reduce((acc: unknown) => ({ a: acc }), { leaf: 1 }),
            ),
          },
        },
        /nested deeper than \d+ levels/,
      ],
      [
        'a rollback to a revision that never existed',
        { kind: 'rollback', params: { revision: 99 } },
        /has no revision 99 .*does not exist/,
      ],
      [
        'a rollback to a revision pruned by history-max',
        { kind: 'rollback', params: { revision: 1 } },
        /has no revision 1 .*pruned/,
      ],
    ];
    for (const [name, patch, message] of cases) {
      test(name, T, async () => {
        const request = {
          actor: f.rita,
          kind: 'upgrade' as const,
          ...at,
          ...patch,
        } as Parameters<typeof requestOperation>[0];
        const mine = { where: { release: request.release } };
        const ops = await f.db.prisma.operation.count(mine);
        await assert.rejects(requestOperation(request), (e: unknown) => {
          assert.ok(e instanceof OperationInputError, `${String(e)}`);
          assert.match(e.message, message);
          return true;
        });
        assert.equal(await f.db.prisma.operation.count(mine), ops, 'no operation was created');
      });
    }
  });

  test('the audit chain verifies across operations and refusals', T, async () => {
    const at = inStaging('audit');
    await installed(at);
    await succeeded({ kind: 'upgrade', ...at, params: { imageTag: '2.3.1' } });
    await assert.rejects(
      requestOperation({ actor: f.vic, kind: 'rollback', ...at }),
      ForbiddenError,
    );
    const result = await verifyAuditChain(f.db.prisma);
    assert.equal(result.ok, true, JSON.stringify(result));
  });
});
