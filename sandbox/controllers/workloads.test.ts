import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { KObject } from '../store';
import { Store } from '../store';
import { deployment, testCluster, type TestCluster } from './test-cluster';

let c: TestCluster;
afterEach(() => c.stop());

const template = (image: string, restartPolicy?: string) => ({
  metadata: { labels: { app: 'x' } },
  spec: { restartPolicy, containers: [{ name: 'main', image }] },
});
const st = <T = Record<string, unknown>>(o: KObject | undefined) => (o?.status ?? {}) as T;
const conditions = (o: KObject | undefined) =>
  (
    st<{ conditions?: { type: string; status: string; reason?: string }[] }>(o).conditions ?? []
  ).map((x) => `${x.type}=${x.status}`);

test('a hook Job completes, and a failing one fails after its backoff limit', () => {
  c = testCluster();
  c.store.create('jobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate', namespace: 'demo' },
    spec: { template: template('migrate:v1', 'Never') },
  });
  c.store.create('jobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'broken', namespace: 'demo' },
    spec: { backoffLimit: 1, template: template('migrate:fail', 'Never') },
  });
  c.step();
  assert.equal(st<{ active: number }>(c.store.get('jobs.batch', 'demo', 'migrate')).active, 1);
  for (let i = 0; i < 4; i += 1) c.step(400);
  const ok = c.store.get('jobs.batch', 'demo', 'migrate');
  assert.ok(conditions(ok).includes('Complete=True'));
  assert.equal(st<{ succeeded: number }>(ok).succeeded, 1);
  assert.ok(st<{ completionTime?: string }>(ok).completionTime);
  const bad = c.store.get('jobs.batch', 'demo', 'broken');
  assert.ok(conditions(bad).includes('Failed=True'));
  assert.equal(st<{ failed: number }>(bad).failed, 2);
});

test('a StatefulSet starts ordinal pods, binds their claims, and rolls to a new revision', () => {
  c = testCluster();
  c.store.create('statefulsets.apps', {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'demo' },
    spec: {
      replicas: 2,
      serviceName: 'db',
      selector: { matchLabels: { app: 'x' } },
      template: template('postgres:16'),
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
    },
  });
  c.step();
  assert.deepEqual(
    c.store.list('pods', 'demo').map((p) => p.metadata.name),
    ['db-0', 'db-1'],
  );
  assert.deepEqual(
    c.store
      .list('persistentvolumeclaims', 'demo')
      .map((p) => [p.metadata.name, st<{ phase: string }>(p).phase]),
    [
      ['data-db-0', 'Bound'],
      ['data-db-1', 'Bound'],
    ],
  );
  type S = {
    readyReplicas: number;
    currentReplicas: number;
    updatedReplicas: number;
    currentRevision: string;
    updateRevision: string;
    observedGeneration: number;
  };
  let s = st<S>(c.store.get('statefulsets.apps', 'demo', 'db'));
  assert.deepEqual(
    [s.readyReplicas, s.currentReplicas, s.updatedReplicas, s.currentRevision === s.updateRevision],
    [2, 2, 2, true],
  );
  const sts = c.store.get('statefulsets.apps', 'demo', 'db')!;
  c.store.update('statefulsets.apps', {
    ...sts,
    spec: { ...(sts.spec as object), template: template('postgres:17') },
  });
  c.step();
  s = st<S>(c.store.get('statefulsets.apps', 'demo', 'db'));
  assert.equal(s.observedGeneration, 2);
  assert.deepEqual([s.updatedReplicas, s.currentRevision === s.updateRevision], [2, true]);
  assert.deepEqual(
    c.store
      .list('pods', 'demo')
      .map((p) => (p.spec as { containers: { image: string }[] }).containers[0]?.image),
    ['postgres:17', 'postgres:17'],
  );
});

test('a DaemonSet runs one pod on the sandbox node', () => {
  c = testCluster();
  c.store.create('daemonsets.apps', {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'demo' },
    spec: { selector: { matchLabels: { app: 'x' } }, template: template('agent:v1') },
  });
  c.step();
  const s = st<Record<string, number>>(c.store.get('daemonsets.apps', 'demo', 'agent'));
  assert.deepEqual(
    [
      s.desiredNumberScheduled,
      s.currentNumberScheduled,
      s.numberReady,
      s.updatedNumberScheduled,
      s.numberAvailable,
    ],
    [1, 1, 1, 1, 1],
  );
  assert.equal(
    (c.store.list('pods', 'demo')[0]?.spec as { nodeName: string }).nodeName,
    'sandbox-node-1',
  );
});

test('Services get unique cluster IPs and Endpoints of their ready pods', () => {
  c = testCluster();
  c.store.create('deployments.apps', deployment('web', 'nginx:v1'));
  c.store.create('deployments.apps', deployment('api', 'api:unready'));
  const svc = (name: string, extra: Record<string, unknown> = {}): KObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'demo' },
    spec: {
      selector: { app: name },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      ...extra,
    },
  });
  c.store.create('services', svc('web'));
  c.store.create('services', svc('api', { type: 'LoadBalancer' }));
  c.store.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'ext', namespace: 'demo' },
    spec: { type: 'ExternalName', externalName: 'example.com' },
  });
  c.step();
  const ip = (n: string) =>
    (c.store.get('services', 'demo', n)?.spec as { clusterIP?: string }).clusterIP;
  assert.match(ip('web') ?? '', /^10\.96\.\d+\.\d+$/);
  assert.notEqual(ip('web'), ip('api'));
  assert.equal(ip('ext'), undefined);
  type Subset = {
    addresses?: { ip: string }[];
    notReadyAddresses?: { ip: string }[];
    ports: { port: number }[];
  };
  const web = c.store.get('endpoints', 'demo', 'web')?.subsets as Subset[];
  assert.equal(web[0]?.addresses?.length, 2);
  assert.equal(web[0]?.ports[0]?.port, 8080, 'named targetPort resolves to the container port');
  const api = c.store.get('endpoints', 'demo', 'api')?.subsets as Subset[];
  assert.deepEqual([api[0]?.addresses, api[0]?.notReadyAddresses?.length], [undefined, 2]);
  const lb = st<{ loadBalancer: { ingress: { ip: string }[] } }>(
    c.store.get('services', 'demo', 'api'),
  );
  assert.ok(lb.loadBalancer.ingress[0]?.ip);
  c.store.delete('services', 'demo', 'web');
  c.step();
  assert.equal(c.store.get('endpoints', 'demo', 'web'), undefined);
});

test('deleting a namespace removes everything in it, then the namespace', () => {
  c = testCluster();
  c.store.create('namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'demo' },
    spec: { finalizers: ['kubernetes'] },
  });
  c.store.create('deployments.apps', deployment('web', 'nginx:v1'));
  c.store.create('configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cfg', namespace: 'demo' },
    data: {},
  });
  c.step();
  assert.equal(st<{ phase: string }>(c.store.get('namespaces', undefined, 'demo')).phase, 'Active');
  const ns = c.store.get('namespaces', undefined, 'demo')!;
  c.store.update('namespaces', {
    ...ns,
    metadata: { ...ns.metadata, deletionTimestamp: new Date().toISOString() },
  });
  c.step();
  assert.equal(c.store.get('namespaces', undefined, 'demo'), undefined);
  for (const r of ['deployments.apps', 'replicasets.apps', 'pods', 'configmaps', 'events'])
    assert.equal(c.store.list(r, 'demo').length, 0, r);
});

test('foreground deletion removes dependents before the owner', () => {
  c = testCluster();
  c.store.create('deployments.apps', deployment('web', 'nginx:v1'));
  c.step();
  const d = c.store.get('deployments.apps', 'demo', 'web')!;
  c.store.update('deployments.apps', {
    ...d,
    metadata: {
      ...d.metadata,
      deletionTimestamp: new Date().toISOString(),
      finalizers: ['foregroundDeletion'],
    },
  });
  c.step();
  assert.equal(c.store.get('deployments.apps', 'demo', 'web'), undefined);
  assert.equal(c.store.list('pods', 'demo').length, 0);
});

test('PDB reports healthy pods and an HPA keeps its target within bounds', () => {
  c = testCluster();
  c.store.create('deployments.apps', deployment('web', 'nginx:v1', { replicas: 1 }));
  c.store.create('poddisruptionbudgets.policy', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'demo' },
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
  });
  c.store.create('horizontalpodautoscalers.autoscaling', {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'demo' },
    spec: {
      minReplicas: 2,
      maxReplicas: 5,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    },
  });
  c.step();
  assert.equal(
    (c.store.get('deployments.apps', 'demo', 'web')?.spec as { replicas: number }).replicas,
    2,
  );
  const pdb = st<Record<string, number>>(c.store.get('poddisruptionbudgets.policy', 'demo', 'web'));
  assert.deepEqual(
    [pdb.currentHealthy, pdb.desiredHealthy, pdb.expectedPods, pdb.disruptionsAllowed],
    [2, 1, 2, 1],
  );
  const hpa = st<Record<string, number>>(
    c.store.get('horizontalpodautoscalers.autoscaling', 'demo', 'web'),
  );
  assert.deepEqual([hpa.currentReplicas, hpa.desiredReplicas], [2, 2]);
});

test('controllers pick up a restored store and finish what was in flight', () => {
  const first = new Store();
  first.create('deployments.apps', deployment('web', 'nginx:v1'));
  const snapshot = first.snapshot();
  const store = new Store();
  c = testCluster(store);
  store.restore(snapshot);
  c.step();
  assert.equal(
    st<{ readyReplicas: number }>(store.get('deployments.apps', 'demo', 'web')).readyReplicas,
    2,
  );
  assert.equal(store.list('pods', 'demo').length, 2);
});

test('a converged cluster writes nothing on resync', () => {
  c = testCluster();
  c.store.create('deployments.apps', deployment('web', 'nginx:v1'));
  c.store.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'demo' },
    spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] },
  });
  c.store.create('statefulsets.apps', {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'demo' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'x' } },
      template: template('postgres:16'),
    },
  });
  c.store.create('daemonsets.apps', {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'demo' },
    spec: { selector: { matchLabels: { app: 'x' } }, template: template('agent:v1') },
  });
  c.store.create('jobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'once', namespace: 'demo' },
    spec: { template: template('job:v1', 'Never') },
  });
  c.store.create('poddisruptionbudgets.policy', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'demo' },
    spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
  });
  c.store.create('horizontalpodautoscalers.autoscaling', {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'demo' },
    spec: {
      minReplicas: 1,
      maxReplicas: 5,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    },
  });
  c.step();
  c.step(1_000);
  c.step(1_000);
  const settled = c.store.resourceVersion;
  c.step(5_000);
  c.step(60_000);
  assert.equal(c.store.resourceVersion, settled);
});
