import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TSandbox } from '../index';
import { call, startTestSandbox, watch } from './helpers';

const cm = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data: { a: '1' },
});
const CMS = '/api/v1/namespaces/default/configmaps';

describe('sandbox API: watch', () => {
  let sb: TSandbox;
  before(async () => {
    sb = await startTestSandbox();
  });
  after(() => sb.stop());

  it('sends the initial state, then live events, as one JSON object per line', async () => {
    await call(sb, 'POST', CMS, { body: cm('w1', { w: 'yes' }) });
    const result = await watch(
      sb,
      `${CMS}?watch=true&labelSelector=w%3Dyes`,
      (events) => events.some((e) => e.type === 'DELETED'),
      () => {
        void (async () => {
          await call(sb, 'POST', CMS, { body: cm('w2', { w: 'yes' }) });
          await call(sb, 'POST', CMS, { body: cm('ignored', { w: 'no' }) });
          await call(sb, 'DELETE', `${CMS}/w1`);
        })();
      },
    );
    assert.equal(result.status, 200);
    assert.equal(result.contentType, 'application/json');
    assert.deepEqual(
      result.events.map((e) => `${e.type} ${e.object.metadata.name}`),
      ['ADDED w1', 'ADDED w2', 'DELETED w1'],
    );
  });

  it('replays events after a resourceVersion, and answers 410 Expired for one too old', async () => {
    const list = await call(sb, 'GET', `${CMS}?fieldSelector=metadata.name%3Dr1`);
    const rv = list.json.metadata.resourceVersion;
    await call(sb, 'POST', CMS, { body: cm('r1') });
    await call(sb, 'PATCH', `${CMS}/r1`, {
      body: { data: { a: '2' } },
      contentType: 'application/merge-patch+json',
    });
    const replay = await watch(
      sb,
      `${CMS}?watch=1&resourceVersion=${rv}&fieldSelector=metadata.name%3Dr1&allowWatchBookmarks=true`,
      (events) => events.length >= 2,
    );
    assert.deepEqual(
      replay.events.map((e) => e.type),
      ['ADDED', 'MODIFIED'],
    );
    assert.equal(replay.events[1].object.data.a, '2');

    // Push the window of replayable events past rv.
    const store = sb.clusters[0]!.store;
    for (let i = 0; i < 20_050; i++)
      store.update('configmaps', {
        ...cm('r1'),
        metadata: { name: 'r1', namespace: 'default' },
        data: { a: String(i) },
      });
    const gone = await watch(
      sb,
      `${CMS}?watch=1&resourceVersion=${rv}`,
      (events) => events.length >= 1,
    );
    assert.equal(gone.events[0].type, 'ERROR');
    assert.equal(gone.events[0].object.code, 410);
    assert.equal(gone.events[0].object.reason, 'Expired');
  });

  it('serves watch-list: ADDED for each object, then the initial-events-end BOOKMARK, then live events', async () => {
    await call(sb, 'POST', '/api/v1/namespaces', {
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'wl' } },
    });
    await call(sb, 'POST', '/api/v1/namespaces/wl/configmaps', { body: cm('one') });
    await call(sb, 'POST', '/api/v1/namespaces/wl/configmaps', { body: cm('two') });
    let created = false;
    const result = await watch(
      sb,
      '/api/v1/namespaces/wl/configmaps?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=300',
      (events) => {
        if (!created && events.some((e) => e.type === 'BOOKMARK')) {
          created = true;
          void call(sb, 'POST', '/api/v1/namespaces/wl/configmaps', { body: cm('three') });
        }
        return events.some((e) => e.type === 'ADDED' && e.object.metadata.name === 'three');
      },
    );
    assert.deepEqual(
      result.events.map((e) => e.type),
      ['ADDED', 'ADDED', 'BOOKMARK', 'ADDED'],
    );
    const bookmark = result.events[2].object;
    assert.equal(bookmark.metadata.annotations['k8s.io/initial-events-end'], 'true');
    assert.equal(bookmark.kind, 'ConfigMap');
    assert.ok(Number(bookmark.metadata.resourceVersion) > 0);
    const invalid = await call(
      sb,
      'GET',
      '/api/v1/namespaces/wl/configmaps?watch=true&sendInitialEvents=true',
    );
    assert.equal(invalid.status, 422);
  });

  it('ends the stream after timeoutSeconds', async () => {
    const result = await watch(
      sb,
      `${CMS}?watch=true&resourceVersion=${sb.clusters[0]!.store.resourceVersion}&timeoutSeconds=1`,
      () => false,
    );
    assert.equal(result.status, 200);
    assert.deepEqual(result.events, []);
  });
});
