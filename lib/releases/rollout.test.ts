import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rolloutLines, rolloutOf } from './rollout';

const meta = (name: string, labels: Record<string, string> = {}) => ({
  name,
  namespace: 'staging',
  labels: { 'app.kubernetes.io/instance': 'shop', ...labels },
});

const deployment = {
  metadata: { ...meta('shop-api'), generation: 2 },
  spec: { replicas: 2 },
  status: { observedGeneration: 2, readyReplicas: 1, updatedReplicas: 1 },
};

const crashing = {
  metadata: meta('shop-api-7f9c-x2'),
  spec: { containers: [{ name: 'api' }, { name: 'proxy' }] },
  status: {
    phase: 'Running',
    containerStatuses: [
      { name: 'proxy', ready: true, restartCount: 0, state: { running: {} } },
      {
        name: 'api',
        ready: false,
        restartCount: 4,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } },
        lastState: { terminated: { reason: 'Error', exitCode: 1 } },
      },
    ],
  },
};

const healthy = {
  metadata: meta('shop-api-55d-a1'),
  spec: { containers: [{ name: 'api' }] },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [{ name: 'api', ready: true, restartCount: 0, state: { running: {} } }],
  },
};

const migration = {
  metadata: meta('shop-migrate-q8', { 'job-name': 'shop-migrate' }),
  spec: { containers: [{ name: 'migrate' }] },
  status: {
    phase: 'Failed',
    containerStatuses: [
      { name: 'migrate', restartCount: 0, state: { terminated: { reason: 'Error', exitCode: 2 } } },
    ],
  },
};

const events = [
  {
    type: 'Warning',
    reason: 'BackOff',
    message: 'Back-off restarting failed container api',
    lastTimestamp: '2026-01-01T10:00:09Z',
    involvedObject: { kind: 'Pod', name: 'shop-api-7f9c-x2' },
  },
  {
    type: 'Normal',
    reason: 'Pulled',
    message: 'pulled',
    lastTimestamp: '2026-01-01T10:00:10Z',
    involvedObject: { kind: 'Pod', name: 'shop-api-7f9c-x2' },
  },
];

test('a crashing container is named with its exit code and restarts, and its latest warning', () => {
  const r = rolloutOf({
    release: 'shop',
    namespace: 'staging',
    deployments: [deployment],
    pods: [crashing, healthy],
    events,
  });
  assert.equal(r.objects.length, 1);
  assert.equal(r.objects[0]!.state, 'failed');
  assert.deepEqual(r.objects[0]!.waitingOn, [
    'pod shop-api-7f9c-x2: CrashLoopBackOff of container api, exit code 1, 4 restarts',
  ]);
  assert.equal(
    r.reason,
    'pod shop-api-7f9c-x2: CrashLoopBackOff of container api, exit code 1, 4 restarts (last warning: BackOff: Back-off restarting failed container api)',
  );
  assert.deepEqual(rolloutLines(r), [
    'rollout: Deployment shop-api 1/2 ready, 1 updated — waiting on pod shop-api-7f9c-x2: CrashLoopBackOff of container api, exit code 1, 4 restarts',
  ]);
});

test("a failed hook Job is its own object with its pod's exit code; other releases' objects are left out", () => {
  const other = {
    ...deployment,
    metadata: { ...deployment.metadata, labels: { 'app.kubernetes.io/instance': 'web' } },
  };
  const r = rolloutOf({
    release: 'shop',
    namespace: 'staging',
    deployments: [other],
    pods: [migration],
  });
  assert.deepEqual(r.objects, [
    {
      kind: 'Job',
      name: 'shop-migrate',
      state: 'failed',
      progress: '1 pod(s) failed',
      waitingOn: ['pod shop-migrate-q8: Error of container migrate, exit code 2'],
    },
  ]);
  assert.equal(r.reason, 'pod shop-migrate-q8: Error of container migrate, exit code 2');
});

test('a rollout still going names what it waits on without calling it a failure', () => {
  const starting = {
    metadata: meta('shop-api-7f9c-x3'),
    spec: { containers: [{ name: 'api' }] },
    status: {
      phase: 'Pending',
      containerStatuses: [{ name: 'api', state: { waiting: { reason: 'ContainerCreating' } } }],
    },
  };
  const r = rolloutOf({
    release: 'shop',
    namespace: 'staging',
    deployments: [deployment],
    pods: [starting, healthy],
  });
  assert.equal(r.objects[0]!.state, 'waiting');
  assert.match(r.objects[0]!.waitingOn[0]!, /^pod shop-api-7f9c-x3: Pending/);
  assert.equal(r.reason, null);
});
