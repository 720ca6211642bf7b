import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { KObject } from '../store';
import { deployment, testCluster, type TestCluster } from '../controllers/test-cluster';
import { podRates } from './routing';

let c: TestCluster;
afterEach(() => c.stop());

const INGRESSES = 'ingresses.networking.k8s.io';

function service(name: string, selector: Record<string, string>): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'demo' },
    spec: { selector, ports: [{ port: 80, targetPort: 'http' }] },
  };
}

function ingress(
  name: string,
  backend: string,
  opts: { host?: string; annotations?: Record<string, string> } = {},
): KObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'demo', annotations: opts.annotations },
    spec: {
      rules: [
        {
          host: opts.host ?? 'shop.example.com',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: backend, port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  };
}

/** Requests per second per Deployment (summed over its pods). */
function perApp(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const rate of podRates(c.store, 10).values()) {
    const app = c.store.get('pods', rate.namespace, rate.name)?.metadata.labels?.app ?? '?';
    out[app] = Math.round(((out[app] ?? 0) + rate.rps) * 1000) / 1000;
  }
  return out;
}

function blueGreen(): void {
  c = testCluster();
  c.store.create('deployments.apps', deployment('blue', 'shop:1.0.0'));
  c.store.create('deployments.apps', deployment('green', 'shop:1.1.0'));
  c.store.create('services', service('blue', { app: 'blue' }));
  c.store.create('services', service('green', { app: 'green' }));
  c.step();
}

test('an Ingress host gets the steady rate, split over the ready pods of its backend', () => {
  blueGreen();
  c.store.create(INGRESSES, ingress('shop', 'blue'));
  c.step();
  assert.deepEqual(perApp(), { blue: 10 });
  const pods = [...podRates(c.store, 10).values()];
  assert.deepEqual(
    pods.map((p) => p.rps),
    [5, 5],
  );
  // A second host doubles the traffic; the idle colour still gets none.
  c.store.create(INGRESSES, ingress('admin', 'blue', { host: 'admin.example.com' }));
  c.step();
  assert.deepEqual(perApp(), { blue: 20 });
});

test('switching the Ingress backend or the Service selector moves the traffic', () => {
  blueGreen();
  c.store.create(INGRESSES, ingress('shop', 'blue'));
  c.step();
  c.store.update(INGRESSES, ingress('shop', 'green'));
  c.step();
  assert.deepEqual(perApp(), { green: 10 });

  c.store.create('services', service('live', { app: 'blue' }));
  c.store.create(INGRESSES, ingress('live', 'live', { host: 'live.example.com' }));
  c.step();
  assert.deepEqual(perApp(), { green: 10, blue: 10 });
  const live = c.store.get('services', 'demo', 'live')!;
  c.store.update('services', {
    ...live,
    spec: { ...(live.spec as object), selector: { app: 'green' } },
  });
  c.step();
  assert.deepEqual(perApp(), { green: 20 });
});

test('an ingress-nginx canary takes its weight of the same host', () => {
  blueGreen();
  c.store.create(INGRESSES, ingress('shop', 'blue'));
  const canary = (weight: string) =>
    ingress('shop-canary', 'green', {
      annotations: {
        'nginx.ingress.kubernetes.io/canary': 'true',
        'nginx.ingress.kubernetes.io/canary-weight': weight,
      },
    });
  c.store.create(INGRESSES, canary('25'));
  c.step();
  assert.deepEqual(perApp(), { blue: 7.5, green: 2.5 });
  c.store.update(INGRESSES, canary('100'));
  c.step();
  assert.deepEqual(perApp(), { green: 10 });
  c.store.update(INGRESSES, canary('0'));
  c.step();
  assert.deepEqual(perApp(), { blue: 10 });
});

test('a canary without a main Ingress is ignored; of two Ingresses for one host the older wins', () => {
  blueGreen();
  c.store.create(
    INGRESSES,
    ingress('orphan', 'green', {
      host: 'other.example.com',
      annotations: {
        'nginx.ingress.kubernetes.io/canary': 'true',
        'nginx.ingress.kubernetes.io/canary-weight': '50',
      },
    }),
  );
  // Created within the same second: the name breaks the tie, so the order is stable.
  c.store.create(INGRESSES, ingress('first', 'blue'));
  c.store.create(INGRESSES, ingress('second', 'green'));
  c.step();
  assert.deepEqual(perApp(), { blue: 10 });
});

test('unready pods get no traffic; with no ready pod the ingress answers and no pod counts', () => {
  c = testCluster();
  c.store.create('deployments.apps', deployment('web', 'shop:unready'));
  c.store.create('services', service('web', { app: 'web' }));
  c.store.create(INGRESSES, ingress('web', 'web'));
  c.step();
  assert.deepEqual(perApp(), {});
});
