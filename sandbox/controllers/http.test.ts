import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { KObject } from '../store';
import { podLog, serviceProxy } from './http';
import { deployment, setImage, testCluster, type TestCluster } from './test-cluster';

let c: TestCluster;
afterEach(() => c.stop());

// Pod timestamps have whole seconds, as the API server writes them: a run's
// log is timed from that, not from the cluster's clock when the test looked.
const startedAt = (pod: KObject) => Date.parse((pod.status as { startTime: string }).startTime);

function withService(image: string): void {
  c = testCluster();
  c.store.create('deployments.apps', deployment('web', image, { strategy: { type: 'Recreate' } }));
  c.store.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'demo' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
  });
  c.step();
}

test('a healthy pod answers /health with its image tag through the service proxy', () => {
  withService('ghcr.io/acme/web:1.4.2');
  const res = serviceProxy(c.store, 'demo', 'web', '/health');
  assert.equal(res.status, 200);
  assert.equal(res.contentType, 'application/json');
  assert.deepEqual(JSON.parse(res.body), { status: 'ok', version: '1.4.2' });
  setImage(c.store, 'web', 'ghcr.io/acme/web:1.5.0');
  c.step();
  assert.equal(JSON.parse(serviceProxy(c.store, 'demo', 'web', '/health').body).version, '1.5.0');
});

test('a service whose pods are unready answers 503, an unknown one 404', () => {
  withService('web:unready');
  assert.equal(serviceProxy(c.store, 'demo', 'web', '/health').status, 503);
  assert.equal(serviceProxy(c.store, 'demo', 'nope', '/health').status, 404);
});

test('an errors build fails 2 of every 25 app requests with a 500; its health endpoint always answers', () => {
  withService('ghcr.io/acme/web:1.5.0-errors');
  const codes = Array.from({ length: 50 }, () => serviceProxy(c.store, 'demo', 'web', '/').status);
  assert.equal(codes.filter((s) => s === 500).length, 4);
  assert.equal(codes.filter((s) => s === 200).length, 46);
  for (let i = 0; i < 30; i++)
    assert.equal(serviceProxy(c.store, 'demo', 'web', '/health').status, 200);
  assert.ok(serviceProxy(c.store, 'demo', 'web', '/health').pod, 'the answering pod is named');
});

test('pod logs name the image, and crash loops log their failure', () => {
  withService('web:crashloop');
  const pod = c.store.list('pods', 'demo')[0]!;
  const log = podLog(c.store, 'demo', pod.metadata.name, undefined, startedAt(pod) + 960);
  assert.ok(log && 'text' in log);
  assert.match(log.text, /image web:crashloop/);
  assert.match(log.text, /FATAL exiting with status 1 \(restart 0\)/);
  assert.equal(podLog(c.store, 'demo', pod.metadata.name, 'nope'), undefined);
  assert.equal(podLog(c.store, 'demo', 'missing'), undefined);
});

test('a log grows as its lines are written; the previous container is the run before the last restart', () => {
  withService('web:crashloop');
  const first = c.store.list('pods', 'demo')[0]!;
  const name = first.metadata.name;
  const early = podLog(c.store, 'demo', name, 'web', startedAt(first) + 100);
  assert.ok(early && 'text' in early);
  assert.doesNotMatch(early.text, /FATAL/, 'the crash has not been written yet');
  assert.deepEqual(podLog(c.store, 'demo', name, 'web', c.now(), true), {
    error: `previous terminated container "web" in pod "${name}" not found`,
  });
  c.step(3_500); // two crashes: the pod is on its third run
  const pod = c.store.get('pods', 'demo', name)!;
  const statuses = (pod.status as { containerStatuses: { restartCount: number }[] })
    .containerStatuses;
  assert.equal(statuses[0]!.restartCount, 2);
  const previous = podLog(c.store, 'demo', name, 'web', c.now(), true);
  assert.ok(previous && 'text' in previous);
  assert.match(previous.text, /FATAL exiting with status 1 \(restart 1\)/);
  const current = podLog(c.store, 'demo', name, 'web', c.now());
  assert.ok(current && 'text' in current);
  assert.doesNotMatch(current.text, /restart 1\)/, 'the current run is a new container');
});
