// After-finish listeners: told of every finished operation with its final
// row, after the outcome is recorded; a failing listener changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { stopTestServer } from '@/lib/db/test-database';
import { afterFinishIdle, onOperationFinished, type TFinishedOperation } from './after-finish';
import { stopQueue } from './queue';
import { requestOperation } from './request-operation';
import { configureOperations } from './runtime';
import { startFixture, waitFor, waitForFinal, type TFixture } from './testing/fixture';
import { startWorker, type TWorker } from './worker';

const T = { timeout: 300_000 };
let f: TFixture;
let worker: TWorker;

before(async () => {
  f = await startFixture();
  worker = await startWorker({ concurrency: 1 });
});
after(async () => {
  await worker?.stop();
  await stopQueue();
  await f?.db.drop();
  await stopTestServer();
  await f?.stop();
  configureOperations({});
});

describe('after-finish listeners', () => {
  test(
    'a listener sees the install finished with its final row; a throwing one leaves the outcome alone',
    T,
    async () => {
      const seen: TFinishedOperation[] = [];
      const offSeen = onOperationFinished('test:seen', async (e) => {
        // The outcome is committed before listeners run: the row says so.
        const row = await f.db.prisma.operation.findUniqueOrThrow({
          where: { id: e.operation.id },
        });
        assert.equal(row.state, e.operation.state);
        seen.push(e);
      });
      const offThrow = onOperationFinished('test:throws', () => {
        throw new Error('verification exploded');
      });
      try {
        const op = await requestOperation({
          actor: f.rita,
          kind: 'install',
          environment: 'staging',
          cluster: 'staging',
          release: 'alpha-members',
          params: { imageTag: '2.3.0', values: 'config:\n  dbPassword: s3cret\n' },
        });
        // The kind's params are on the row; the values YAML never is.
        assert.deepEqual(op.params, { imageTag: '2.3.0' });
        assert.doesNotMatch(JSON.stringify(op), /s3cret/);
        const done = await waitForFinal(f.db, op.id);
        assert.equal(done.state, 'succeeded', done.error ?? '');
        const event = await waitFor('the listener', async () =>
          seen.find((e) => e.operation.id === op.id),
        );
        await afterFinishIdle();
        assert.equal(event.settledBy, 'worker');
        assert.equal(event.operation.state, 'succeeded');
        assert.equal(event.operation.kind, 'install');
        assert.equal(event.outcome.revisionAfter, 1);
        const records = await f.db.prisma.auditRecord.findMany({
          where: { operationId: op.id },
          orderBy: { seq: 'asc' },
        });
        assert.deepEqual(
          records.map((r) => r.outcome),
          ['intent', 'succeeded'],
        );
        const row = await f.db.prisma.operation.findUniqueOrThrow({ where: { id: op.id } });
        assert.equal(row.state, 'succeeded');
        assert.equal(row.error, null);
      } finally {
        offSeen();
        offThrow();
      }
    },
  );
});
