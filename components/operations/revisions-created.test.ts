import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createdText, revisionsCreated } from './revisions-created';

const history = [
  {
    revision: 8,
    status: 'deployed',
    description: 'helmdeck op #12 by Rita',
    origin: { by: 'helmdeck' as const, operationId: 12, actor: 'Rita' },
  },
  {
    revision: 7,
    status: 'superseded',
    description: 'Rollback to 5',
    origin: { by: 'helmdeck' as const, operationId: 11, actor: 'Rita' },
  },
  {
    revision: 6,
    status: 'failed',
    description: 'helmdeck op #11 by Rita',
    origin: { by: 'helmdeck' as const, operationId: 11, actor: 'Rita' },
  },
  { revision: 5, status: 'superseded', description: 'Upgrade complete' },
];

test('a failed upgrade that helm rolled back names both revisions it created', () => {
  const created = revisionsCreated(
    { id: 11, revisionBefore: 5, revisionAfter: 7, state: 'failed' },
    history,
  );
  assert.deepEqual(
    created.map((c) => c.revision),
    [6, 7],
  );
  assert.equal(createdText(created), '6 failed, 7 superseded (Rollback to 5)');
});

test('without provenance the revisions between before and after count; a running one takes what is newer', () => {
  const plain = history.map(({ origin: _o, ...h }) => h);
  assert.deepEqual(
    revisionsCreated({ id: 11, revisionBefore: 5, revisionAfter: 7, state: 'failed' }, plain).map(
      (c) => c.revision,
    ),
    [6, 7],
  );
  assert.deepEqual(
    revisionsCreated({ id: 13, revisionBefore: 8, revisionAfter: null, state: 'running' }, plain),
    [],
  );
  assert.deepEqual(
    revisionsCreated({ id: 11, revisionBefore: 5, revisionAfter: null, state: 'failed' }, plain),
    [],
  );
});
