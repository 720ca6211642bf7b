import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, test } from 'node:test';
import type { KObject } from '../store';
import { deployment, setImage, testCluster, type TestCluster } from './test-cluster';

let c: TestCluster;
afterEach(() => c.stop());

type Status = {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  conditions?: { type: string; status: string; reason: string }[];
};
const statusOf = (o: KObject | undefined) => (o?.status ?? {}) as Status;
const condition = (o: KObject | undefined, type: string) =>
  statusOf(o).conditions?.find((x) => x.type === type);
const image = (o: KObject) =>
  o.spec as {
    template?: { spec: { containers: { image: string }[] } };
    containers?: { image: string }[];
  };
const podImages = (c: TestCluster) =>
  c.store
    .list('pods', 'demo')
    .map((p) => image(p).containers?.[0]?.image)
    .sort();

test('a new deployment is ready for helm 3 and helm 4 right after the write', () => {
  c = testCluster();
  c.store.create('deployments.apps', deployment('web', 'nginx:v1'));
  c.step();
  const d = c.store.get('deployments.apps', 'demo', 'web')!;
  const s = statusOf(d);
  assert.equal(s.observedGeneration, d.metadata.generation);
  assert.deepEqual(
    [s.replicas, s.updatedReplicas, s.readyReplicas, s.availableReplicas],
    [2, 2, 2, 2],
  );
  assert.equal(condition(d, 'Available')?.status, 'True');
  assert.equal(condition(d, 'Progressing')?.reason, 'NewReplicaSetAvailable');
  const [rs] = c.store.list('replicasets.apps', 'demo');
  assert.ok(rs);
  assert.deepEqual(
    rs.metadata.ownerReferences?.map((r) => [r.kind, r.uid, r.controller]),
    [['Deployment', d.metadata.uid, true]],
  );
  const hash = rs.metadata.labels?.['pod-template-hash'];
  assert.ok(hash);
  const rsTemplate = structuredClone(
    (rs.spec as { template: { metadata: { labels: Record<string, string> } } }).template,
  );
  delete rsTemplate.metadata.labels['pod-template-hash'];
  assert.deepEqual(rsTemplate, (d.spec as { template: unknown }).template);
  assert.equal(
    (rs.status as { observedGeneration: number }).observedGeneration,
    rs.metadata.generation,
  );
  const pods = c.store.list('pods', 'demo');
  assert.equal(pods.length, 2);
  for (const pod of pods) {
    const ps = pod.status as {
      phase: string;
      podIP: string;
      conditions: { type: string; status: string }[];
    };
    assert.equal(ps.phase, 'Running');
    assert.match(ps.podIP, /^10\.244\./);
    assert.ok(ps.conditions.some((x) => x.type === 'Ready' && x.status === 'True'));
  }
});

test('a rolling update with maxUnavailable 0 never drops below the desired ready pods', () => {
  c = testCluster();
  c.store.create(
    'deployments.apps',
    deployment('web', 'nginx:v1', {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    }),
  );
  c.step();
  let minReady = Infinity;
  let maxPods = 0;
  const off = c.store.subscribe(() => {
    const pods = c.store.list('pods', 'demo');
    maxPods = Math.max(maxPods, pods.length);
    minReady = Math.min(
      minReady,
      pods.filter((p) =>
        (p.status as { conditions?: { type: string; status: string }[] })?.conditions?.some(
          (x) => x.type === 'Ready' && x.status === 'True',
        ),
      ).length,
    );
  });
  setImage(c.store, 'web', 'nginx:v2');
  c.step();
  off();
  assert.equal(minReady, 2);
  assert.equal(maxPods, 3);
  assert.deepEqual(podImages(c), ['nginx:v2', 'nginx:v2']);
  const d = c.store.get('deployments.apps', 'demo', 'web');
  assert.equal(condition(d, 'Progressing')?.reason, 'NewReplicaSetAvailable');
  assert.equal(d?.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
});

for (const tag of ['crashloop', 'oom', 'pullfail']) {
  test(`a rollout to a ${tag} image fails fast and a rollback restores the old pods`, () => {
    c = testCluster();
    c.store.create('deployments.apps', deployment('web', 'nginx:v1'));
    c.step();
    setImage(c.store, 'web', `nginx:${tag}`);
    c.step();
    assert.equal(
      condition(c.store.get('deployments.apps', 'demo', 'web'), 'Progressing')?.reason,
      'ReplicaSetUpdated',
    );
    c.step(4_000);
    const failed = c.store.get('deployments.apps', 'demo', 'web');
    assert.deepEqual(
      [condition(failed, 'Progressing')?.status, condition(failed, 'Progressing')?.reason],
      ['False', 'ProgressDeadlineExceeded'],
    );
    assert.equal(statusOf(failed).availableReplicas, 2, 'old pods keep serving');
    setImage(c.store, 'web', 'nginx:v1');
    c.step();
    const back = c.store.get('deployments.apps', 'demo', 'web');
    assert.equal(condition(back, 'Progressing')?.reason, 'NewReplicaSetAvailable');
    assert.deepEqual(podImages(c), ['nginx:v1', 'nginx:v1']);
    assert.equal(back?.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
  });
}

test('an unready rollout fails only when progressDeadlineSeconds has passed', () => {
  c = testCluster();
  c.store.create(
    'deployments.apps',
    deployment('web', 'nginx:v1', { progressDeadlineSeconds: 10 }),
  );
  c.step();
  setImage(c.store, 'web', 'nginx:unready');
  c.step();
  c.step(5_000);
  assert.equal(
    condition(c.store.get('deployments.apps', 'demo', 'web'), 'Progressing')?.reason,
    'ReplicaSetUpdated',
  );
  c.step(6_000);
  assert.equal(
    condition(c.store.get('deployments.apps', 'demo', 'web'), 'Progressing')?.reason,
    'ProgressDeadlineExceeded',
  );
});

test('a slow image becomes available after a few seconds', () => {
  c = testCluster();
  c.store.create('deployments.apps', deployment('web', 'nginx:slow'));
  c.step();
  assert.equal(
    statusOf(c.store.get('deployments.apps', 'demo', 'web')).availableReplicas,
    undefined,
  );
  c.step(3_500);
  c.step();
  const d = c.store.get('deployments.apps', 'demo', 'web');
  assert.equal(statusOf(d).availableReplicas, 2);
  assert.equal(condition(d, 'Progressing')?.reason, 'NewReplicaSetAvailable');
});

test('Recreate removes every old pod before starting new ones', () => {
  c = testCluster();
  c.store.create(
    'deployments.apps',
    deployment('web', 'nginx:v1', { strategy: { type: 'Recreate' } }),
  );
  c.step();
  let mixed = false;
  const off = c.store.subscribe(() => {
    if (new Set(podImages(c)).size > 1) mixed = true;
  });
  setImage(c.store, 'web', 'nginx:v2');
  c.step();
  off();
  assert.equal(mixed, false);
  assert.deepEqual(podImages(c), ['nginx:v2', 'nginx:v2']);
});

test('scaling changes the pod count and a converged deployment writes nothing more', () => {
  c = testCluster();
  c.store.create('deployments.apps', deployment('web', 'nginx:v1'));
  c.step();
  const d = c.store.get('deployments.apps', 'demo', 'web')!;
  c.store.update('deployments.apps', { ...d, spec: { ...(d.spec as object), replicas: 4 } });
  c.step();
  assert.equal(c.store.list('pods', 'demo').length, 4);
  assert.equal(statusOf(c.store.get('deployments.apps', 'demo', 'web')).readyReplicas, 4);
  const before = c.store.resourceVersion;
  c.step(1_000);
  assert.equal(c.store.resourceVersion, before);
  assert.ok(isDeepStrictEqual(c.store.list('replicasets.apps').length, 1));
});

test('old replica sets beyond revisionHistoryLimit are deleted', () => {
  c = testCluster();
  c.store.create('deployments.apps', deployment('web', 'nginx:v1', { revisionHistoryLimit: 2 }));
  c.step();
  for (const tag of ['v2', 'v3', 'v4', 'v5']) {
    setImage(c.store, 'web', `nginx:${tag}`);
    c.step();
  }
  const revisions = c.store
    .list('replicasets.apps', 'demo')
    .map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'])
    .sort();
  assert.deepEqual(revisions, ['3', '4', '5']);
});

test('deleting a deployment collects its replica sets and pods', () => {
  c = testCluster();
  c.store.create('deployments.apps', deployment('web', 'nginx:v1'));
  c.step();
  c.store.delete('deployments.apps', 'demo', 'web');
  c.step();
  assert.equal(c.store.list('replicasets.apps').length, 0);
  assert.equal(c.store.list('pods').length, 0);
});
