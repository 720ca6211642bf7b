import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  healthByRelease,
  releaseHealth,
  releaseOf,
  type TPodLike,
  type TWorkloadLike,
} from './workload-health';

const helmMeta = (name: string, release: string, ns = 'prod', generation = 1) => ({
  name,
  namespace: ns,
  generation,
  labels: { 'app.kubernetes.io/instance': release },
  annotations: { 'meta.helm.sh/release-name': release, 'meta.helm.sh/release-namespace': ns },
});

function deployment(
  name: string,
  release: string,
  desired: number,
  ready: number,
  extra: Partial<TWorkloadLike['status']> = {},
): TWorkloadLike {
  return {
    metadata: helmMeta(name, release),
    spec: { replicas: desired },
    status: {
      observedGeneration: 1,
      replicas: desired,
      readyReplicas: ready,
      updatedReplicas: desired,
      ...extra,
    },
  };
}

type TC = NonNullable<NonNullable<TPodLike['status']>['containerStatuses']>[number];
function pod(
  name: string,
  release: string,
  ready: boolean,
  container: Partial<TC> = {},
  phase = 'Running',
): TPodLike {
  return {
    metadata: { name, namespace: 'prod', labels: { 'app.kubernetes.io/instance': release } },
    status: {
      phase,
      startTime: '2025-03-01T10:00:00Z',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [{ name: 'app', ready, restartCount: 0, ...container }],
    },
  };
}

test('a fully ready release is healthy with ready/desired and no reason', () => {
  const h = releaseHealth(
    { name: 'web', namespace: 'prod' },
    {
      deployments: [deployment('web', 'web', 2, 2)],
      pods: [pod('web-1', 'web', true), pod('web-2', 'web', true)],
    },
  );
  assert.equal(h.health, 'healthy');
  assert.equal(`${h.ready}/${h.desired}`, '2/2');
  assert.equal(h.worstReason, null);
  assert.equal(h.pods[0]?.startedAt, '2025-03-01T10:00:00Z');
});

test('OOMKilled beats the CrashLoopBackOff it causes, restarts are summed, nothing ready means failed', () => {
  const h = releaseHealth(
    { name: 'api', namespace: 'prod' },
    {
      deployments: [deployment('api', 'api', 2, 0)],
      pods: [
        pod('api-1', 'api', false, {
          restartCount: 4,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
        }),
        pod('api-2', 'api', false, {
          restartCount: 3,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
        }),
      ],
    },
  );
  assert.equal(h.worstReason, 'OOMKilled');
  assert.equal(h.restarts, 7);
  assert.equal(h.health, 'failed');
  assert.equal(h.pods[0]?.reason, 'CrashLoopBackOff');
});

test('a failing new pod while old ones still serve is degraded; image pull failures are named', () => {
  const h = releaseHealth(
    { name: 'web', namespace: 'prod' },
    {
      deployments: [deployment('web', 'web', 2, 2, { updatedReplicas: 1 })],
      pods: [
        pod('web-old-1', 'web', true),
        pod('web-old-2', 'web', true),
        pod(
          'web-new',
          'web',
          false,
          { state: { waiting: { reason: 'ImagePullBackOff', message: 'not found' } } },
          'Pending',
        ),
      ],
    },
  );
  assert.equal(h.health, 'degraded');
  assert.equal(h.worstReason, 'ImagePullBackOff');
  assert.equal(h.pods[2]?.message, 'not found');
});

test('a rollout in progress with pending or unready pods is progressing', () => {
  const pending: TPodLike = {
    metadata: { name: 'db-1', namespace: 'prod', labels: { 'app.kubernetes.io/instance': 'db' } },
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', message: '0/3 nodes available' }],
    },
  };
  const sts: TWorkloadLike = {
    metadata: helmMeta('db', 'db'),
    spec: { replicas: 2 },
    status: { observedGeneration: 1, readyReplicas: 1, updatedReplicas: 2 },
  };
  const h = releaseHealth(
    { name: 'db', namespace: 'prod' },
    { statefulSets: [sts], pods: [pod('db-0', 'db', true), pending] },
  );
  assert.equal(h.health, 'progressing');
  assert.equal(h.worstReason, 'Pending');
  assert.equal(h.pods[1]?.message, '0/3 nodes available');

  const unready = releaseHealth(
    { name: 'web', namespace: 'prod' },
    {
      deployments: [deployment('web', 'web', 1, 0)],
      pods: [pod('web-1', 'web', false, { state: { running: {} } })],
    },
  );
  assert.equal(unready.health, 'progressing');
  assert.equal(unready.worstReason, 'Unready');

  const newSpec = releaseHealth(
    { name: 'web', namespace: 'prod' },
    {
      deployments: [
        { ...deployment('web', 'web', 1, 1), metadata: helmMeta('web', 'web', 'prod', 2) },
      ],
    },
  );
  assert.equal(newSpec.health, 'progressing', 'the controller has not seen generation 2 yet');
});

test('a deployment past its progress deadline with some ready pods is degraded', () => {
  const conditions = [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }];
  const h = releaseHealth(
    { name: 'web', namespace: 'prod' },
    { deployments: [deployment('web', 'web', 3, 1, { conditions })] },
  );
  assert.equal(h.health, 'degraded');
});

test('hook and completed pods, evicted and terminating pods are left out', () => {
  const done = pod('web-test', 'web', false, {}, 'Succeeded');
  const hook = {
    ...pod('web-hook', 'web', false),
    metadata: {
      name: 'web-hook',
      namespace: 'prod',
      labels: { 'app.kubernetes.io/instance': 'web' },
      annotations: { 'helm.sh/hook': 'pre-upgrade' },
    },
  };
  const evicted: TPodLike = {
    ...pod('web-ev', 'web', false, {}, 'Failed'),
    status: { phase: 'Failed', reason: 'Evicted' },
  };
  const h = releaseHealth(
    { name: 'web', namespace: 'prod' },
    {
      deployments: [deployment('web', 'web', 1, 1)],
      pods: [pod('web-1', 'web', true), done, hook, evicted],
    },
  );
  assert.deepEqual(
    h.pods.map((p) => p.name),
    ['web-1'],
  );
  assert.equal(h.health, 'healthy');
});

test('objects are grouped per release by helm annotations and the instance label; others are unknown', () => {
  const all = healthByRelease({
    deployments: [deployment('web', 'web', 1, 1), deployment('api', 'api', 1, 0)],
    pods: [
      pod('web-1', 'web', true),
      pod('api-1', 'api', false, { state: { waiting: { reason: 'CrashLoopBackOff' } } }),
    ],
  });
  assert.deepEqual([...all.keys()].sort(), ['prod/api', 'prod/web']);
  assert.equal(all.get('prod/web')?.health, 'healthy');
  assert.equal(all.get('prod/api')?.health, 'failed');
  assert.equal(releaseHealth({ name: 'gone', namespace: 'prod' }, {}).health, 'unknown');
  assert.deepEqual(releaseOf({ metadata: { namespace: 'x', labels: { release: 'legacy' } } }), {
    name: 'legacy',
    namespace: 'x',
  });
  assert.equal(releaseOf({ metadata: {} }), null);
});
