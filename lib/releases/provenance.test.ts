import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markedOperation, originOf, type TOperationRef } from './provenance';

const op = (o: Partial<TOperationRef> & { id: number }): TOperationRef => ({
  kind: 'upgrade',
  state: 'succeeded',
  revisionBefore: null,
  revisionAfter: null,
  actor: 'Rita',
  ...o,
});

test('an upgrade Helmdeck ran is credited to the requester recorded in Postgres', () => {
  const ops = [op({ id: 7, revisionBefore: 2, revisionAfter: 3 })];
  assert.deepEqual(originOf({ revision: 3, description: 'helmdeck op #7 by Rita' }, ops), {
    by: 'helmdeck',
    operationId: 7,
    actor: 'Rita',
  });
});

test('a plain helm upgrade that writes "by Rita" is outside Helmdeck, the text only claimed', () => {
  const ops = [op({ id: 7, revisionBefore: 2, revisionAfter: 3 })];
  assert.deepEqual(originOf({ revision: 4, description: 'Upgrade by Rita' }, ops), {
    by: 'outside',
    claimed: 'Upgrade by Rita',
  });
});

test("a copied operation marker does not count outside that operation's revisions", () => {
  const ops = [op({ id: 7, revisionBefore: 2, revisionAfter: 3 })];
  const o = originOf({ revision: 5, description: 'helmdeck op #7 by Rita' }, ops);
  assert.equal(o.by, 'outside');
});

test('a rollback is matched by the revision numbers recorded on its operation', () => {
  const ops = [op({ id: 9, kind: 'rollback', revisionBefore: 4, revisionAfter: 5 })];
  assert.deepEqual(originOf({ revision: 5, description: 'Rollback to 2' }, ops), {
    by: 'helmdeck',
    operationId: 9,
    actor: 'Rita',
  });
});

test("a failed upgrade and helm's automatic rollback both belong to the upgrade", () => {
  const ops = [op({ id: 3, state: 'failed', revisionBefore: 1, revisionAfter: 3 })];
  assert.equal(
    originOf({ revision: 2, description: 'helmdeck op #3 by Rita' }, ops).by,
    'helmdeck',
  );
  assert.equal(originOf({ revision: 3, description: 'Rollback to 1' }, ops).by, 'helmdeck');
});

test('while an operation on the release runs, a new revision is pending, not outside', () => {
  const ops = [op({ id: 4, kind: 'rollback', state: 'running', revisionBefore: 2 })];
  assert.equal(originOf({ revision: 3, description: 'something else' }, ops).by, 'pending');
  assert.equal(originOf({ revision: 2, description: 'Install complete' }, ops).by, 'outside');
});

test('only the marker Helmdeck writes names an operation', () => {
  assert.equal(markedOperation('helmdeck op #12 by Rita'), 12);
  assert.equal(markedOperation('Upgrade complete (helmdeck op #12 by Rita)'), null);
});
