// Job controller: runs pods to completion, retries failures up to
// backoffLimit, and sets the conditions helm waits on for hook Jobs.
import type { KObject } from '../store';
import type { Recorder } from './events';
import { PODS } from './pods';
import { newPod, ownerKey } from './replicasets';
import { refsOf, type Controller, type Ctx, type Ref } from './runtime';
import {
  asArr,
  asObj,
  isoTime,
  num,
  ownedBy,
  parseTime,
  podIsReady,
  randomSuffix,
  spec,
  status,
  writeStatus,
  type Obj,
} from './util';

export const JOBS = 'jobs.batch';

function finished(job: KObject): boolean {
  return asArr(status(job).conditions).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

function cond(
  type: string,
  reason: string | undefined,
  message: string | undefined,
  at: string,
): Obj {
  return { type, status: 'True', lastProbeTime: at, lastTransitionTime: at, reason, message };
}

export function jobController(recorder: Recorder): Controller {
  return {
    name: 'jobs',
    keysFor(e) {
      if (e.resource === JOBS && e.type !== 'DELETED')
        return [{ namespace: e.object.metadata.namespace, name: e.object.metadata.name }];
      if (e.resource === PODS) return ownerKey(e, 'Job');
      return [];
    },
    allKeys: (ctx) => refsOf(ctx.store, JOBS),
    reconcile(ref: Ref, ctx: Ctx) {
      const job = ctx.store.get(JOBS, ref.namespace, ref.name);
      if (!job || job.metadata.deletionTimestamp) return;
      const now = ctx.now();
      const s = spec(job);
      const old = status(job);
      if (finished(job)) {
        const ttl = s.ttlSecondsAfterFinished;
        const doneAt =
          parseTime(old.completionTime) ??
          parseTime(asArr(old.conditions).at(-1)?.lastTransitionTime);
        if (typeof ttl === 'number' && doneAt !== undefined) {
          if (now >= doneAt + ttl * 1000) ctx.store.delete(JOBS, ref.namespace, ref.name);
          else ctx.after('jobs', ref, doneAt + ttl * 1000 - now);
        }
        return;
      }
      if (s.suspend === true) return;
      const completions = num(s.completions, 1);
      const parallelism = num(s.parallelism, 1);
      const backoffLimit = num(s.backoffLimit, 6);
      const pods = ownedBy(ctx.store, PODS, job);
      const succeeded = pods.filter((p) => status(p).phase === 'Succeeded').length;
      const failed = pods.filter((p) => status(p).phase === 'Failed').length;
      let active = pods.filter(
        (p) => status(p).phase !== 'Succeeded' && status(p).phase !== 'Failed',
      );
      const startTime = typeof old.startTime === 'string' ? old.startTime : isoTime(now);
      const nowIso = isoTime(now);
      const deadline =
        typeof s.activeDeadlineSeconds === 'number'
          ? (parseTime(startTime) ?? now) + s.activeDeadlineSeconds * 1000
          : undefined;
      let conditions: Obj[] | undefined;
      let completionTime: string | undefined;
      const failJob = (reason: string, message: string) => {
        for (const pod of active) ctx.store.delete(PODS, pod.metadata.namespace, pod.metadata.name);
        active = [];
        conditions = [
          cond('FailureTarget', reason, message, nowIso),
          cond('Failed', reason, message, nowIso),
        ];
        recorder.record(job, 'Warning', reason, message, 'job-controller');
      };
      if (failed > backoffLimit) {
        failJob('BackoffLimitExceeded', 'Job has reached the specified backoff limit');
      } else if (deadline !== undefined && now >= deadline) {
        failJob('DeadlineExceeded', 'Job was active longer than specified deadline');
      } else if (succeeded >= completions) {
        for (const pod of active) ctx.store.delete(PODS, pod.metadata.namespace, pod.metadata.name);
        active = [];
        conditions = [
          cond(
            'SuccessCriteriaMet',
            'CompletionsReached',
            'Reached expected number of succeeded pods',
            nowIso,
          ),
          cond(
            'Complete',
            'CompletionsReached',
            'Reached expected number of succeeded pods',
            nowIso,
          ),
        ];
        completionTime = nowIso;
        recorder.record(job, 'Normal', 'Completed', 'Job completed', 'job-controller');
      } else {
        const want = Math.min(parallelism, completions - succeeded);
        const template = asObj(s.template);
        const labels = {
          'batch.kubernetes.io/controller-uid': job.metadata.uid ?? '',
          'batch.kubernetes.io/job-name': job.metadata.name,
          'controller-uid': job.metadata.uid ?? '',
          'job-name': job.metadata.name,
        };
        for (let i = active.length; i < want; i += 1) {
          const pod = ctx.store.create(
            PODS,
            newPod(job, template, `${job.metadata.name}-${randomSuffix()}`, labels),
          );
          recorder.record(
            job,
            'Normal',
            'SuccessfulCreate',
            `Created pod: ${pod.metadata.name}`,
            'job-controller',
          );
          active.push(pod);
        }
        if (deadline !== undefined) ctx.after('jobs', ref, deadline - now);
      }
      writeStatus(ctx.store, JOBS, job, {
        ...old,
        conditions: conditions ?? old.conditions,
        startTime,
        completionTime: completionTime ?? old.completionTime,
        active: active.length || undefined,
        succeeded: succeeded || undefined,
        failed: failed || undefined,
        ready: active.filter(podIsReady).length,
        terminating: 0,
        uncountedTerminatedPods: {},
      });
    },
  };
}
