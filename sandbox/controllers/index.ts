// Starts every controller of one sandbox cluster against its store: store
// events feed a reconcile queue, timers drive what takes time (slow pods,
// crash loops), and a periodic resync repairs anything a restore changed.
import type { Store } from '../store';
import { daemonSetController } from './daemonsets';
import { deploymentController } from './deployments';
import { Recorder } from './events';
import { garbageCollector, namespaceController, OwnerIndex } from './garbage';
import { jobController } from './jobs';
import { ensureNode, pvcController } from './nodes';
import { podController } from './pods';
import { hpaController, pdbController } from './policy';
import { replicaSetController } from './replicasets';
import { Runtime } from './runtime';
import { serviceController } from './services';
import { statefulSetController } from './statefulsets';

const RESYNC_CHECK_MS = 1_000;
const FULL_RESYNC_MS = 30_000;

export interface Wiring {
  runtime: Runtime;
  recorder: Recorder;
  /** Feed one store event (keeps the owner index, then queues reconciles). */
  onEvent: Parameters<Store['subscribe']>[0];
  /** Re-reads everything after the store changed without events (a restore), then reconciles all. */
  resync(): void;
}

/** Builds the controllers without subscribing or starting timers: unit tests drive `runtime.drain()` themselves. */
export function createControllers(store: Store, now: () => number = Date.now): Wiring {
  const runtime = new Runtime(store);
  runtime.now = now;
  const recorder = new Recorder(store, now);
  const owners = new OwnerIndex();
  owners.rebuild(store);
  for (const controller of [
    podController(recorder),
    replicaSetController(recorder),
    deploymentController(recorder),
    statefulSetController(recorder),
    daemonSetController(recorder),
    jobController(recorder),
    serviceController(),
    pdbController(),
    hpaController(recorder),
    pvcController(),
    namespaceController(),
    garbageCollector(owners),
  ]) {
    runtime.add(controller);
  }
  return {
    runtime,
    recorder,
    onEvent(event) {
      owners.apply(event);
      runtime.onEvent(event);
    },
    resync() {
      owners.rebuild(store);
      runtime.resyncAll();
    },
  };
}

export function startControllers(store: Store): { stop(): void } {
  const { runtime, recorder, onEvent, resync } = createControllers(store);
  let lastSeen = store.resourceVersion;
  const unsubscribe = store.subscribe((event) => {
    lastSeen = event.resourceVersion;
    onEvent(event);
  });
  ensureNode(store, Date.now());
  resync();
  let lastFull = Date.now();
  // A restore replaces the store's contents without events; notice it by the revision moving on its own.
  const interval = setInterval(() => {
    const restored = store.resourceVersion !== lastSeen;
    if (restored || Date.now() - lastFull >= FULL_RESYNC_MS) {
      lastSeen = store.resourceVersion;
      lastFull = Date.now();
      ensureNode(store, Date.now());
      recorder.prune();
      if (restored) resync();
      else runtime.resyncAll();
    }
  }, RESYNC_CHECK_MS);
  interval.unref();
  return {
    stop() {
      clearInterval(interval);
      unsubscribe();
      runtime.stop();
    },
  };
}
