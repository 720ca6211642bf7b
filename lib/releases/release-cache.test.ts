import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ReleaseCache, type TReleaseSecretSource, type TWatchEvent } from './release-cache';
import { encodeReleaseSecretData, ReleaseSecretError, type TKubeSecret } from './release-secret';

const helmJson = JSON.parse(
  readFileSync(new URL('./fixtures/helm4-install-web.json', import.meta.url), 'utf8'),
);

function secret(
  name: string,
  rev: number,
  rv: string,
  opts: { status?: string; chart?: string; uid?: string } = {},
): TKubeSecret {
  const status = opts.status ?? 'deployed';
  const json = structuredClone(helmJson);
  Object.assign(json, { name, version: rev });
  json.info.status = status;
  json.chart.metadata.version = opts.chart ?? `1.${rev}.0`;
  return {
    type: 'helm.sh/release.v1',
    metadata: {
      name: `sh.helm.release.v1.${name}.v${rev}`,
      namespace: 'shop',
      uid: opts.uid ?? `${name}-${rev}`,
      resourceVersion: rv,
      labels: { owner: 'helm', name, status, version: String(rev), modifiedAt: '1764236806' },
    },
    data: { release: encodeReleaseSecretData(json) },
  };
}

type TWatchCall = {
  rv: string;
  onEvent: (e: TWatchEvent) => void;
  onError: (e: unknown) => void;
  stopped: boolean;
};

// Plain values standing in for the API answers: each LIST answers with the next entry;
// a GET answers with the newest object listed or sent as an event.
function source(answers: ({ items: TKubeSecret[]; resourceVersion: string } | Error)[]) {
  const watches: TWatchCall[] = [];
  const served = new Map<string, TKubeSecret>();
  const serve = (o: TKubeSecret) =>
    served.set(`${o.metadata?.namespace}/${o.metadata?.name}`, structuredClone(o));
  let lists = 0;
  let gets = 0;
  const src: TReleaseSecretSource = {
    async list(selector) {
      assert.equal(selector, 'owner=helm');
      lists++;
      const next = answers.shift() ?? new Error('no more answers');
      if (next instanceof Error) throw next;
      next.items.forEach(serve);
      return next;
    },
    watch(_selector, rv, onEvent, onError) {
      const forward = (e: TWatchEvent) => {
        if (e.type !== 'ERROR' && e.type !== 'BOOKMARK') serve(e.object);
        onEvent(e);
      };
      const w: TWatchCall = { rv, onEvent: forward, onError, stopped: false };
      watches.push(w);
      return () => {
        w.stopped = true;
      };
    },
    async get(namespace, name) {
      gets++;
      const o = served.get(`${namespace}/${name}`);
      if (!o) throw Object.assign(new Error('not found'), { statusCode: 404 });
      return structuredClone(o);
    },
  };
  return {
    src,
    watches,
    gets: () => gets,
    lists: () => lists,
    last: () => watches[watches.length - 1] as TWatchCall,
  };
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  assert.ok(cond(), 'condition not reached');
}

test('lists, then watches from the list resourceVersion; views by release; decodes once per resourceVersion', async () => {
  const s = source([
    {
      items: [
        secret('web', 1, '10', { status: 'superseded' }),
        secret('web', 2, '11'),
        secret('api', 1, '12'),
      ],
      resourceVersion: '12',
    },
  ]);
  const cache = new ReleaseCache(s.src, { retryDelayMs: 0 });
  await cache.start();
  assert.equal(cache.state().phase, 'ready');
  assert.equal(s.last().rv, '12');
  assert.deepEqual(
    cache
      .latest()
      .map((l) => `${l.name}@${l.revision}`)
      .sort(),
    ['api@1', 'web@2'],
  );
  assert.deepEqual(
    cache.history('shop', 'web').map((r) => r.revision),
    [2, 1],
  );

  const first = await cache.release('shop', 'web', 2);
  assert.equal(first?.chart.version, '1.2.0');
  assert.equal(await cache.release('shop', 'web', 2), first, 'memoized');
  assert.equal(s.gets(), 1, 'one GET for the payload, then the bounded cache');
  assert.equal(cache.summary('shop', 'web', 2)?.chartVersion, '1.2.0');
  assert.equal(await cache.release('shop', 'web', 9), null);
  const webLatest = () => cache.latestSummaries().find((x) => x.name === 'web')?.chartVersion;
  assert.equal(webLatest(), '1.2.0');

  s.last().onEvent({
    type: 'MODIFIED',
    object: secret('web', 2, '13', { status: 'deployed', chart: '1.2.1' }),
  });
  assert.notEqual(
    await cache.release('shop', 'web', 2),
    first,
    'a new resourceVersion is decoded again',
  );
  assert.equal(cache.summary('shop', 'web', 2)?.chartVersion, '1.2.1');
  assert.equal(webLatest(), '1.2.1', 'the overview list follows the change');
  cache.stop();
});

test('events older than what is held are dropped; newer ones patch the cache and notify', async () => {
  const s = source([{ items: [secret('web', 1, '20')], resourceVersion: '20' }]);
  const cache = new ReleaseCache(s.src, { retryDelayMs: 0 });
  await cache.start();
  let notified = 0;
  cache.subscribe(() => notified++);
  const w = s.last();
  w.onEvent({ type: 'MODIFIED', object: secret('web', 1, '19', { status: 'failed' }) });
  w.onEvent({ type: 'DELETED', object: secret('web', 1, '18') });
  assert.equal(cache.history('shop', 'web')[0]?.status, 'deployed');
  assert.equal(notified, 0);

  w.onEvent({ type: 'ADDED', object: secret('web', 2, '21') });
  w.onEvent({ type: 'MODIFIED', object: secret('web', 1, '22', { status: 'superseded' }) });
  assert.deepEqual(
    cache.history('shop', 'web').map((r) => `${r.revision}:${r.status}`),
    ['2:deployed', '1:superseded'],
  );
  w.onEvent({ type: 'DELETED', object: secret('web', 1, '23', { status: 'superseded' }) });
  assert.deepEqual(
    cache.history('shop', 'web').map((r) => r.revision),
    [2],
  );
  assert.equal(notified, 3);
  assert.equal(cache.state().resourceVersion, '23');
  cache.stop();
});

test('410 Gone relists, drops what vanished, and ignores the old watch', async () => {
  const s = source([
    { items: [secret('web', 1, '5'), secret('old', 1, '6')], resourceVersion: '6' },
    { items: [secret('web', 1, '5'), secret('web', 2, '40')], resourceVersion: '40' },
    { items: [secret('web', 2, '40')], resourceVersion: '41' },
  ]);
  const cache = new ReleaseCache(s.src, { retryDelayMs: 0 });
  await cache.start();
  const oldWatch = s.last();
  oldWatch.onEvent({ type: 'ERROR', object: { code: 410, message: 'too old resource version' } });
  await until(() => s.watches.length === 2 && cache.state().phase === 'ready');
  assert.equal(s.lists(), 2);
  assert.ok(oldWatch.stopped);
  assert.equal(s.last().rv, '40');
  assert.deepEqual(
    cache.latest().map((l) => `${l.name}@${l.revision}`),
    ['web@2'],
  );
  oldWatch.onEvent({ type: 'ADDED', object: secret('ghost', 1, '99') });
  assert.equal(cache.history('shop', 'ghost').length, 0, 'events from a stopped watch are ignored');

  // The same when the watch fails with a 410 status instead of an ERROR event.
  s.last().onError(Object.assign(new Error('Gone'), { statusCode: 410 }));
  await until(() => s.lists() === 3 && s.watches.length === 3);
  assert.deepEqual(
    cache.revisions().map((r) => r.revision),
    [2],
  );
  cache.stop();
});

test('a watch that ends resumes from the last event or bookmark', async () => {
  const s = source([{ items: [], resourceVersion: '7' }]);
  const cache = new ReleaseCache(s.src, { retryDelayMs: 0 });
  await cache.start();
  s.last().onEvent({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '31' } } });
  s.last().onError(null);
  await until(() => s.watches.length === 2);
  assert.equal(s.last().rv, '31');
  assert.equal(s.lists(), 1, 'no relist needed');
  cache.stop();
});

test('an unreachable cluster is an error state that keeps the last data and its age, then recovers', async () => {
  let clock = new Date('2025-03-01T12:00:00Z');
  const s = source([
    new Error('connect ECONNREFUSED'),
    { items: [secret('web', 1, '3')], resourceVersion: '3' },
  ]);
  const cache = new ReleaseCache(s.src, { retryDelayMs: 0, now: () => clock });
  await cache.start();
  await until(() => cache.state().phase === 'ready');
  assert.equal(s.lists(), 2);

  s.last().onError(new Error('socket hang up'));
  const failedAt = clock;
  clock = new Date('2025-03-01T12:05:00Z');
  // The retry runs on a timer, so right after the failure the state is still the error.
  const st = cache.state();
  assert.equal(st.phase, 'error');
  assert.equal(st.error, 'socket hang up');
  assert.equal(st.lastGoodAt?.getTime(), failedAt.getTime());
  assert.equal(cache.latest().length, 1, 'data is kept while failing');
  await until(() => s.watches.length === 2 && cache.state().phase === 'ready');
  assert.equal(s.last().rv, '3');
  cache.stop();
  assert.ok(s.last().stopped);
});

test('the first failing LIST reports the error with no last good time', async () => {
  const s = source([new Error('forbidden')]);
  const cache = new ReleaseCache(s.src, { retryDelayMs: 60_000 });
  await cache.start();
  assert.deepEqual(
    [cache.state().phase, cache.state().error, cache.state().lastGoodAt],
    ['error', 'forbidden', null],
  );
  cache.stop();
});

test('a corrupt Secret gives a typed error when opened and a labels-only summary in the overview', async () => {
  const bad = secret('web', 1, '2');
  bad.data = { release: Buffer.from('not gzip, not json').toString('base64') };
  const s = source([{ items: [bad], resourceVersion: '2' }]);
  const cache = new ReleaseCache(s.src, { retryDelayMs: 0 });
  await cache.start();
  await assert.rejects(cache.release('shop', 'web', 1), ReleaseSecretError);
  assert.equal(cache.summary('shop', 'web', 1), null);
  const [only] = cache.latestSummaries();
  assert.deepEqual(
    [only?.name, only?.revision, only?.status, only?.chartVersion],
    ['web', 1, 'deployed', null],
  );
  cache.stop();
});
