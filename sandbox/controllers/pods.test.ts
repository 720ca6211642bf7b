import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { KObject } from '../store';
import { testCluster, type TestCluster } from './test-cluster';

let c: TestCluster;
afterEach(() => c.stop());

interface CS {
  restartCount: number;
  ready: boolean;
  state: Record<string, { reason?: string; exitCode?: number }>;
  lastState?: { terminated?: { reason: string; exitCode: number } };
}
interface PS {
  phase: string;
  containerStatuses?: CS[];
  conditions?: { type: string; status: string }[];
}

function pod(name: string, image: string, restartPolicy?: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'demo' },
    spec: { restartPolicy, containers: [{ name: 'main', image }] },
  };
}
const ps = (name: string) => c.store.get('pods', 'demo', name)?.status as PS;
const cs = (name: string) => ps(name).containerStatuses?.[0];
const ready = (name: string) =>
  ps(name).conditions?.some((x) => x.type === 'Ready' && x.status === 'True');
const events = (name: string) =>
  c.store
    .list('events', 'demo')
    .filter((e) => (e.involvedObject as { name: string }).name === name);

test('a crashloop container restarts every couple of seconds and never gets ready', () => {
  c = testCluster();
  c.store.create('pods', pod('p', 'app:crashloop'));
  c.step();
  assert.equal(ps('p').phase, 'Running');
  c.step(1_500);
  assert.equal(cs('p')?.restartCount, 1);
  assert.equal(cs('p')?.state.waiting?.reason, 'CrashLoopBackOff');
  assert.deepEqual(
    [cs('p')?.lastState?.terminated?.reason, cs('p')?.lastState?.terminated?.exitCode],
    ['Error', 1],
  );
  c.step(2_000);
  c.step(2_000);
  assert.equal(cs('p')?.restartCount, 3);
  assert.equal(ready('p'), false);
  const backoff = events('p').find((e) => e.reason === 'BackOff');
  assert.equal(backoff?.count, 3, 'repeated events are counted, not duplicated');
});

test('an oom container is OOMKilled with exit code 137', () => {
  c = testCluster();
  c.store.create('pods', pod('p', 'app:oom'));
  c.step();
  c.step(1_500);
  assert.deepEqual(
    [cs('p')?.lastState?.terminated?.reason, cs('p')?.lastState?.terminated?.exitCode],
    ['OOMKilled', 137],
  );
  assert.equal(cs('p')?.state.waiting?.reason, 'CrashLoopBackOff');
});

test('a pullfail image goes from ErrImagePull to ImagePullBackOff and stays Pending', () => {
  c = testCluster();
  c.store.create('pods', pod('p', 'registry.example/app:pullfail'));
  c.step();
  assert.equal(ps('p').phase, 'Pending');
  assert.equal(cs('p')?.state.waiting?.reason, 'ErrImagePull');
  c.step(2_000);
  assert.equal(cs('p')?.state.waiting?.reason, 'ImagePullBackOff');
  assert.ok(events('p').some((e) => e.reason === 'Failed' && e.type === 'Warning'));
});

test('unready stays unready, slow gets ready after a few seconds', () => {
  c = testCluster();
  c.store.create('pods', pod('u', 'app:unready'));
  c.store.create('pods', pod('s', 'app:slow'));
  c.step();
  assert.deepEqual(
    [ps('u').phase, ready('u'), ps('s').phase, ready('s')],
    ['Running', false, 'Running', false],
  );
  c.step(3_500);
  assert.deepEqual([ready('u'), ready('s')], [false, true]);
});

test('test and hook pods run to Succeeded, or Failed when the tag says fail', () => {
  c = testCluster();
  c.store.create('pods', pod('ok', 'busybox:1.36', 'Never'));
  c.store.create('pods', pod('bad', 'busybox:fail', 'Never'));
  c.store.create('pods', pod('server', 'busybox:1.36'));
  c.step();
  assert.equal(ps('ok').phase, 'Running');
  c.step(500);
  assert.equal(ps('ok').phase, 'Succeeded');
  assert.equal(cs('ok')?.state.terminated?.reason, 'Completed');
  assert.equal(ps('bad').phase, 'Failed');
  assert.equal(cs('bad')?.state.terminated?.exitCode, 1);
  assert.equal(ps('server').phase, 'Running', 'restartPolicy Always keeps running');
  const pod2 = c.store.get('pods', 'demo', 'ok')!;
  assert.equal((pod2.spec as { nodeName: string }).nodeName, 'sandbox-node-1');
  assert.deepEqual(
    events('ok').map((e) => e.reason),
    ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started'],
  );
});

test('a pod being deleted gracefully is removed by the kubelet', () => {
  c = testCluster();
  c.store.create('pods', pod('p', 'app:v1'));
  c.step();
  const p = c.store.get('pods', 'demo', 'p')!;
  c.store.update('pods', {
    ...p,
    metadata: { ...p.metadata, deletionTimestamp: new Date().toISOString() },
  });
  c.step();
  assert.equal(c.store.get('pods', 'demo', 'p'), undefined);
});
