import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { evaluatePodTriggers, restartBaseline } from './evaluate';

const start = new Date('2026-12-01T10:00:00Z');
const at = (s: number) => new Date(start.getTime() + s * 1000);
const rules = {
  crashLoopRestarts: 3,
  unreadySeconds: 30,
  oomKilled: true,
  imagePullFailure: true,
  watchFor: '5m',
};

function pod(
  name: string,
  c: Record<string, unknown>,
  ready = true,
  extra: Partial<V1Pod> = {},
): V1Pod {
  return {
    metadata: { name, creationTimestamp: start },
    status: {
      phase: 'Running',
      startTime: start,
      conditions: [
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          lastTransitionTime: start,
          reason: ready ? undefined : 'ContainersNotReady',
        },
      ],
      containerStatuses: [{ name: 'web', image: 'x', imageID: '', ready, restartCount: 0, ...c }],
    },
    ...extra,
  } as V1Pod;
}
const run = (pods: V1Pod[], now = at(10), baseline = new Map<string, number>()) =>
  evaluatePodTriggers(pods, rules, { baseline, rolloutStartedAt: start, now });

describe('pod triggers', () => {
  test('healthy pods pass', () => {
    const f = run([pod('a', {}), pod('b', {})]);
    assert.equal(f.verdict, 'pass');
    assert.match(f.reason, /2 pods watched/);
  });

  test('a crash loop fires only past crashLoopRestarts, with the evidence', () => {
    const waiting = { state: { waiting: { reason: 'CrashLoopBackOff' } } };
    assert.equal(run([pod('a', { ...waiting, restartCount: 3 }, false)]).verdict, 'pass');
    const f = run([pod('a', { ...waiting, restartCount: 4 }, false)]);
    assert.equal(f.check, 'pods.crashLoop');
    assert.equal(f.verdict, 'fail');
    assert.deepEqual(f.evidence, {
      pod: 'a',
      container: 'web',
      restarts: 4,
      reason: 'CrashLoopBackOff',
      since: start.toISOString(),
    });
  });

  test('restarts from before the rollout do not count', () => {
    const old = pod('a', { restartCount: 10 });
    const baseline = restartBaseline([old]);
    assert.equal(run([pod('a', { restartCount: 12 })], at(10), baseline).verdict, 'pass');
    assert.equal(run([pod('a', { restartCount: 14 })], at(10), baseline).check, 'pods.crashLoop');
  });

  test('unready longer than unreadySeconds fires, shorter does not', () => {
    assert.equal(run([pod('a', {}, false)], at(29)).verdict, 'pass');
    const f = run([pod('a', {}, false)], at(31));
    assert.equal(f.check, 'pods.unready');
    assert.equal((f.evidence as { since: string }).since, start.toISOString());
  });

  test('OOMKilled in the last state fires', () => {
    const f = run([
      pod('a', {
        restartCount: 1,
        lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: at(5) } },
      }),
    ]);
    assert.equal(f.check, 'pods.oomKilled');
    assert.equal((f.evidence as { since: string }).since, at(5).toISOString());
  });

  test('an image pull failure fires', () => {
    const f = run([pod('a', { state: { waiting: { reason: 'ImagePullBackOff' } } }, false)]);
    assert.equal(f.check, 'pods.imagePull');
    assert.equal((f.evidence as { reason: string }).reason, 'ImagePullBackOff');
  });

  test('a rule that is off does not fire', () => {
    const oom = pod('a', { lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } } });
    const f = evaluatePodTriggers(
      [oom],
      { ...rules, oomKilled: false },
      { baseline: new Map(), rolloutStartedAt: start, now: at(1) },
    );
    assert.equal(f.verdict, 'pass');
  });

  test('hook and Job pods are not the release serving', () => {
    const job = pod('migrate', { state: { waiting: { reason: 'ImagePullBackOff' } } }, false, {});
    job.metadata!.ownerReferences = [{ kind: 'Job', name: 'm', uid: 'u', apiVersion: 'batch/v1' }];
    const hook = pod('test', { state: { waiting: { reason: 'ErrImagePull' } } }, false);
    hook.metadata!.annotations = { 'helm.sh/hook': 'test' };
    assert.equal(run([job, hook]).verdict, 'pass');
  });
});
