// A store with its controllers on a hand-driven clock, for unit tests.
import { Store, type KObject } from '../store';
import { createControllers } from './index';

export interface TestCluster {
  store: Store;
  /** Moves the clock on and lets every controller converge. */
  step(ms?: number): void;
  now(): number;
  stop(): void;
}

export function testCluster(store = new Store()): TestCluster {
  let clock = Date.now();
  const wiring = createControllers(store, () => clock);
  const unsubscribe = store.subscribe(wiring.onEvent);
  wiring.resync();
  wiring.runtime.drain();
  return {
    store,
    step(ms = 0) {
      clock += ms;
      wiring.resync();
      wiring.runtime.drain();
    },
    now: () => clock,
    stop() {
      unsubscribe();
      wiring.runtime.stop();
    },
  };
}

export function deployment(
  name: string,
  image: string,
  extra: Record<string, unknown> = {},
): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'demo', labels: { app: name } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name: 'web', image, ports: [{ name: 'http', containerPort: 8080 }] }],
        },
      },
      ...extra,
    },
  };
}

export function setImage(store: Store, name: string, image: string): void {
  const d = store.get('deployments.apps', 'demo', name)!;
  const template = structuredClone(
    d.spec as { template: { spec: { containers: { image: string }[] } } },
  ).template;
  template.spec.containers[0]!.image = image;
  store.update('deployments.apps', { ...d, spec: { ...(d.spec as object), template } });
}
