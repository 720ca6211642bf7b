import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Informer, MapStore, rvNewer, type TInformerEvent, type TInformerSource } from './informer';

type TObj = { metadata: { name: string; resourceVersion: string } };
const obj = (name: string, rv: string): TObj => ({ metadata: { name, resourceVersion: rv } });
const keyOf = (o: TObj) => o.metadata.name;

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 5000 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  assert.ok(cond(), 'condition not reached');
}

test('resourceVersions order as integers when both are, else an event always counts as newer', () => {
  assert.equal(rvNewer('10', '9'), true);
  assert.equal(rvNewer('9', '10'), false);
  assert.equal(rvNewer('10', '10'), false);
  assert.equal(rvNewer('abc', '10'), true);
  assert.equal(rvNewer(undefined, '10'), true);
});

test('a cluster that keeps failing is retried with a growing delay, reset by a good LIST', async () => {
  const attempts: number[] = [];
  let failuresLeft = 3;
  const source: TInformerSource<TObj> = {
    async list() {
      attempts.push(performance.now());
      if (failuresLeft-- > 0) throw new Error('connect ECONNREFUSED');
      return { items: [obj('a', '1')], resourceVersion: '1' };
    },
    watch: () => () => {},
  };
  const store = new MapStore(keyOf);
  const informer = new Informer(source, store, { keyOf, retryDelayMs: 20, maxRetryDelayMs: 60 });
  await informer.start();
  assert.equal(informer.state().phase, 'error');
  await until(() => informer.state().phase === 'ready');
  assert.equal(attempts.length, 4);
  const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
  // 20, 40, then capped at 60: each wait at least as long as its delay.
  assert.ok(gaps[0]! >= 19 && gaps[1]! >= 39 && gaps[2]! >= 59, `gaps ${gaps.join(', ')}`);
  assert.deepEqual([...store.objects.keys()], ['a']);
  informer.stop();
});

test('a DELETED event for an object never held changes nothing and notifies nobody', async () => {
  let onEvent: (e: TInformerEvent<TObj>) => void = () => {};
  const source: TInformerSource<TObj> = {
    list: async () => ({ items: [obj('a', '5')], resourceVersion: '5' }),
    watch: (_rv, on) => {
      onEvent = on;
      return () => {};
    },
  };
  const store = new MapStore(keyOf);
  const informer = new Informer(source, store, { keyOf });
  await informer.start();
  const seen: string[] = [];
  informer.subscribe((c) => seen.push(c.kind === 'object' ? c.key : c.kind));
  onEvent({ type: 'DELETED', object: obj('ghost', '6') });
  onEvent({ type: 'MODIFIED', object: obj('a', '7') });
  assert.deepEqual(seen, ['a']);
  assert.equal(informer.state().resourceVersion, '7');
  informer.stop();
});
