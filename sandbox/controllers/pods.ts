// The scheduler and kubelet of the single sandbox node: binds pods, gives
// them an IP, and moves their status along the container model of pod-model.
import { isDeepStrictEqual } from 'node:util';
import type { KObject } from '../store';
import type { Recorder } from './events';
import { containerAt, modeOf, qosClass } from './pod-model';
import { refsOf, type Controller, type Ctx, type Ref } from './runtime';
import { asArr, asObj, isoTime, type Obj, parseTime, schedulingNode, spec, status } from './util';

export const PODS = 'pods';

class IpPool {
  private next = 0;
  allocate(ctx: Ctx): string {
    if (this.next === 0) {
      this.next = 2;
      for (const pod of ctx.store.list(PODS)) {
        const m = /^10\.244\.(\d+)\.(\d+)$/.exec(String(status(pod).podIP ?? ''));
        if (m) this.next = Math.max(this.next, Number(m[1]) * 256 + Number(m[2]) + 1);
      }
    }
    const n = this.next;
    this.next = n >= 65_000 ? 2 : n + 1;
    return `10.244.${Math.floor(n / 256)}.${n % 256}`;
  }
}

function condition(
  type: string,
  ok: boolean,
  previous: Obj[],
  at: string,
  reason?: string,
  message?: string,
): Obj {
  const value = ok ? 'True' : 'False';
  const old = previous.find((c) => c.type === type);
  const since = old && old.status === value ? old.lastTransitionTime : at;
  return { type, status: value, lastProbeTime: null, lastTransitionTime: since, reason, message };
}

export function podController(recorder: Recorder): Controller {
  const ips = new IpPool();
  // Exact start times: status.startTime has second precision, which would shorten a slow pod's warm-up.
  const started = new Map<string, number>();
  const event = (
    pod: KObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    container?: string,
  ) =>
    recorder.record(
      pod,
      type,
      reason,
      message,
      reason === 'Scheduled' ? 'default-scheduler' : 'kubelet',
      container ? `spec.containers{${container}}` : undefined,
    );

  return {
    name: 'pods',
    keysFor(e) {
      if (e.resource !== PODS) return [];
      if (e.type === 'DELETED') {
        started.delete(e.object.metadata.uid ?? '');
        return [];
      }
      return [{ namespace: e.object.metadata.namespace, name: e.object.metadata.name }];
    },
    allKeys: (ctx) => refsOf(ctx.store, PODS),
    reconcile(ref: Ref, ctx: Ctx) {
      const pod = ctx.store.get(PODS, ref.namespace, ref.name);
      if (!pod) return;
      if (pod.metadata.deletionTimestamp) {
        if ((pod.metadata.finalizers ?? []).length === 0) {
          for (const c of asArr(spec(pod).containers))
            if (status(pod).phase === 'Running')
              event(
                pod,
                'Normal',
                'Killing',
                `Stopping container ${String(c.name)}`,
                String(c.name),
              );
          ctx.store.delete(PODS, ref.namespace, ref.name);
        }
        return;
      }
      const old = status(pod);
      if (old.phase === 'Succeeded' || old.phase === 'Failed')
        return void started.delete(pod.metadata.uid ?? '');
      const now = ctx.now();
      const podSpec = spec(pod);
      const nowIso = isoTime(now);
      const scheduling = !podSpec.nodeName || !old.startTime;
      const uid = pod.metadata.uid ?? '';
      const start = started.get(uid) ?? parseTime(old.startTime) ?? now;
      started.set(uid, start);
      const restartPolicy = String(podSpec.restartPolicy ?? 'Always');
      const info = {
        uid,
        name: pod.metadata.name,
        namespace: pod.metadata.namespace ?? 'default',
        runToCompletion: restartPolicy === 'Never' || restartPolicy === 'OnFailure',
      };
      const results = asArr(podSpec.containers).map((c) => containerAt(c, info, start, now));
      const startIso = isoTime(start);
      const initStatuses = asArr(podSpec.initContainers).map((c) => ({
        name: c.name,
        image: c.image,
        imageID: '',
        ready: true,
        restartCount: 0,
        started: false,
        state: {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: startIso,
            finishedAt: startIso,
          },
        },
      }));
      const waiting = results.some((r) => r.progress === 'waiting');
      const allExited = results.length > 0 && results.every((r) => r.progress === 'exited');
      const phase = waiting
        ? 'Pending'
        : allExited
          ? results.some((r) => r.exitCode !== 0)
            ? 'Failed'
            : 'Succeeded'
          : 'Running';
      const ready = phase === 'Running' && results.every((r) => r.ready);
      const terminal = phase === 'Succeeded' || phase === 'Failed';
      const unready = results.filter((r) => !r.ready).map((r) => String(r.status.name));
      const notReadyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
      const notReadyMessage = terminal
        ? undefined
        : `containers with unready status: [${unready.join(' ')}]`;
      const prev = asArr(old.conditions);
      const conditions = [
        condition('PodReadyToStartContainers', !terminal, prev, nowIso),
        condition('Initialized', true, prev, nowIso, terminal ? 'PodCompleted' : undefined),
        condition(
          'Ready',
          ready,
          prev,
          nowIso,
          ready ? undefined : notReadyReason,
          ready ? undefined : notReadyMessage,
        ),
        condition(
          'ContainersReady',
          ready,
          prev,
          nowIso,
          ready ? undefined : notReadyReason,
          ready ? undefined : notReadyMessage,
        ),
        condition('PodScheduled', true, prev, nowIso),
      ];
      const node = schedulingNode(ctx.store);
      const nodeName = typeof podSpec.nodeName === 'string' ? podSpec.nodeName : node.name;
      const hostIP = typeof old.hostIP === 'string' ? old.hostIP : node.ip;
      const podIP = typeof old.podIP === 'string' ? old.podIP : ips.allocate(ctx);
      const nextStatus: Obj = {
        phase,
        conditions,
        hostIP,
        hostIPs: [{ ip: hostIP }],
        podIP,
        podIPs: [{ ip: podIP }],
        startTime: startIso,
        initContainerStatuses: initStatuses.length ? initStatuses : undefined,
        containerStatuses: results.map((r) => r.status),
        qosClass: qosClass(podSpec),
      };
      const clean = JSON.parse(JSON.stringify(nextStatus)) as Obj;
      const next: KObject = { ...pod, spec: { ...podSpec, nodeName }, status: clean };
      if (!isDeepStrictEqual(next, pod)) {
        ctx.store.update(PODS, next);
        if (scheduling)
          event(
            pod,
            'Normal',
            'Scheduled',
            `Successfully assigned ${info.namespace}/${info.name} to ${nodeName}`,
          );
        emitContainerEvents(
          pod,
          old,
          results.map((r) => r.status),
          event,
        );
      }
      const nextAt = Math.min(...results.map((r) => r.nextAt ?? Infinity));
      if (Number.isFinite(nextAt)) ctx.after('pods', ref, nextAt - now);
    },
  };
}

type Emit = (
  pod: KObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  container?: string,
) => void;

function emitContainerEvents(pod: KObject, old: Obj, next: Obj[], event: Emit): void {
  const before = new Map(asArr(old.containerStatuses).map((c) => [String(c.name), c]));
  for (const cs of next) {
    const name = String(cs.name);
    const image = String(cs.image);
    const prev = before.get(name);
    const waiting = asObj(asObj(cs.state).waiting);
    if (!prev) {
      event(pod, 'Normal', 'Pulling', `Pulling image "${image}"`, name);
      if (waiting.reason === 'ErrImagePull') {
        event(
          pod,
          'Warning',
          'Failed',
          `Failed to pull image "${image}": ${String(waiting.message)}`,
          name,
        );
        event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', name);
        continue;
      }
      event(
        pod,
        'Normal',
        'Pulled',
        `Successfully pulled image "${image}" in 812ms (812ms including waiting). Image size: 0 bytes.`,
        name,
      );
      event(pod, 'Normal', 'Created', `Created container: ${name}`, name);
      event(pod, 'Normal', 'Started', `Started container ${name}`, name);
      const mode = modeOf(image);
      if (mode === 'unready' || mode === 'slow') {
        event(
          pod,
          'Warning',
          'Unhealthy',
          'Readiness probe failed: HTTP probe failed with statuscode: 503',
          name,
        );
      }
      continue;
    }
    if (
      waiting.reason === 'ImagePullBackOff' &&
      asObj(asObj(prev.state).waiting).reason !== 'ImagePullBackOff'
    ) {
      event(pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, name);
      event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', name);
    }
    if (Number(cs.restartCount ?? 0) > Number(prev.restartCount ?? 0)) {
      event(
        pod,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
        name,
      );
    }
  }
}
