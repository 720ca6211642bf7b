// Verified actors end to end: real Postgres, a sandbox cluster, real helm.
// Helmdeck's own revisions are credited to the requester in Postgres; a
// plain `helm upgrade` is flagged as outside Helmdeck everywhere and audited
// (and notified) exactly once, however many instances look at it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '@/lib/audit';
import { parseConfig } from '@/lib/config';
import { stopTestServer } from '@/lib/db/test-database';
import { bundledToolPath, helmUpgrade, inspectHelm } from '@/lib/helm';
import { viewSandbox } from '@/lib/testing/release-view';
import { stopQueue } from '@/lib/operations/queue';
import { requestOperation } from '@/lib/operations/request-operation';
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
import {
  getOverviewMatrix,
  getReleaseDetail,
  getReleaseHistory,
  stopReleaseView,
} from '@/lib/release-view';
import type { ReleaseView } from '@/lib/release-view/release-view';
import {
  EXTERNAL_CHANGE_ACTION,
  ExternalChangeRecorder,
  startProvenance,
  type TProvenance,
} from '.';

const T = { timeout: 300_000 };
const YAML = `${configYaml()}webhooks:
  - name: chat
    url: http://127.0.0.1:9/hook
    events: [release.changed_outside]
`;
let f: TFixture;
let worker: TWorker;
let view: ReleaseView;
let provenance: TProvenance;
const staging = { environment: 'staging', cluster: 'staging', release: 'alpha-members' };
const config = () => parseConfig(YAML, f.configPath);

const outsideRecords = () =>
  f.db.prisma.auditRecord.findMany({
    where: { action: EXTERNAL_CHANGE_ACTION, release: 'alpha-members' },
  });

async function stagingCell() {
  const o = await getOverviewMatrix();
  return o.rows
    .find((r) => r.release === 'alpha-members')
    ?.cells.find((c) => c.cluster === 'staging')?.release;
}

before(async () => {
  f = await startFixture({ yaml: YAML });
  worker = await startWorker({ concurrency: 1 });
  view = viewSandbox(f.sandbox.kubeconfigPath, config(), { retryDelayMs: 300, notifyDelayMs: 50 });
  await view.all();
  provenance = await startProvenance({
    prisma: f.db.prisma,
    view,
    webhooks: () => config().webhooks,
    pollMs: 300,
  });
});

after(async () => {
  provenance?.stop();
  stopReleaseView();
  await worker?.stop();
  await stopQueue();
  await f?.db.drop();
  await stopTestServer();
  await f?.stop();
  configureOperations({});
});

describe('verified actors', () => {
  test(
    "Helmdeck's install is credited to its requester; a plain helm upgrade claiming her name is outside Helmdeck",
    T,
    async () => {
      const op = await requestOperation({
        actor: f.rita,
        kind: 'install',
        ...staging,
        params: { imageTag: '2.3.0' },
      });
      assert.equal((await waitForFinal(f.db, op.id)).state, 'succeeded');
      const mine = await waitFor('the install credited to Rita', async () => {
        const s = await stagingCell();
        return s?.revision === 1 && s.origin?.by === 'helmdeck' ? s : null;
      });
      assert.equal(mine.deployedBy, 'Rita');
      assert.deepEqual(mine.origin, { by: 'helmdeck', operationId: op.id, actor: 'Rita' });

      // Someone with cluster access runs helm by hand and writes "by Rita" into the description.
      const helm = await inspectHelm(bundledToolPath('helm'));
      await helmUpgrade(
        {
          helm,
          kubeconfig: f.sandbox.kubeconfigPath,
          kubeContext: 'staging',
          namespace: 'staging',
        },
        {
          release: 'alpha-members',
          chart: CHART,
          values: { image: { tag: '2.4.0-hotfix' } },
          rollbackOnFailure: false,
          wait: 'none',
          timeout: '2m',
          description: 'Upgrade by Rita',
        },
      );
      const cell = await waitFor('the cell flagged outside Helmdeck', async () => {
        const s = await stagingCell();
        return s?.revision === 2 && s.status === 'deployed' && s.origin ? s : null;
      });
      assert.deepEqual(cell.origin, { by: 'outside', claimed: 'Upgrade by Rita' });
      assert.equal(cell.deployedBy, null, 'the description is never taken as the actor');

      const history = await getReleaseHistory('staging', 'staging', 'alpha-members');
      assert.deepEqual(
        history.revisions.map((r) => [r.revision, r.origin?.by, r.actor]),
        [
          [2, 'outside', null],
          [1, 'helmdeck', 'Rita'],
        ],
      );
      const detail = await getReleaseDetail('staging', 'staging', 'alpha-members');
      assert.deepEqual(detail.origin, { by: 'outside', claimed: 'Upgrade by Rita' });
      assert.equal(detail.deployedBy, null);

      const [record] = await waitFor('the outside change audited', async () => {
        const r = await outsideRecords();
        return r.length > 0 ? r : null;
      });
      assert.equal(record?.actor, 'system:observer');
      assert.equal(record?.revisionAfter, 2);
      assert.equal(record?.environment, 'staging');
      assert.equal(record?.chart, 'alpha-members');
      assert.deepEqual(
        {
          status: (record?.details as Record<string, unknown>).status,
          imageTag: (record?.details as Record<string, unknown>).imageTag,
          claimed: (record?.details as Record<string, unknown>).claimed,
        },
        { status: 'deployed', imageTag: '2.4.0-hotfix', claimed: 'Upgrade by Rita' },
      );

      // A second look, and a second instance with its own memory, record nothing more.
      await provenance.recorder.sweep();
      const other = new ExternalChangeRecorder({
        prisma: f.db.prisma,
        view,
        index: provenance.index,
        webhooks: () => config().webhooks,
      });
      assert.equal(await other.sweep(), 0);
      assert.equal((await outsideRecords()).length, 1, 'recorded once in the audit chain');
      const deliveries = await f.db.prisma.webhookDelivery.findMany({
        where: { event: 'release.changed_outside' },
      });
      assert.equal(deliveries.length, 1);
      assert.equal(
        (deliveries[0]?.payload as { change?: { revision?: number } }).change?.revision,
        2,
      );
      assert.equal((await verifyAuditChain(f.db.prisma)).ok, true);
    },
  );

  test('a rollback through Helmdeck is matched by the revisions on its operation', T, async () => {
    const op = await requestOperation({
      actor: f.rita,
      kind: 'rollback',
      ...staging,
      params: { revision: 1 },
    });
    const done = await waitForFinal(f.db, op.id);
    assert.equal(done.state, 'succeeded', done.error ?? '');
    const cell = await waitFor('the rollback credited to Rita', async () => {
      const s = await stagingCell();
      return s?.revision === done.revisionAfter && s.origin?.by === 'helmdeck' ? s : null;
    });
    assert.equal(cell.deployedBy, 'Rita');
    await provenance.recorder.sweep();
    assert.equal((await outsideRecords()).length, 1, 'no outside change for the rollback');
  });
});
