import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TBlueGreenStrategy } from '@/lib/config';
import { canaryIngressFor } from './canary-ingress';
import { readRouter, switchPatch, type TRouterObject } from './router';

const viaIngress: TBlueGreenStrategy = {
  type: 'blueGreen',
  environment: 'production',
  colours: ['blue', 'green'],
  router: { kind: 'ingress', name: 'web' },
  colourService: '{release}',
  colourValues: {},
  retireAfter: '30m',
  retire: 'uninstall',
  healthPath: '/health',
  smokeChecks: [],
};
const viaService: TBlueGreenStrategy = {
  ...viaIngress,
  router: { kind: 'service', name: 'web', label: 'app.kubernetes.io/instance', value: '{release}' },
};

const ingress = (...services: string[]): TRouterObject => ({
  metadata: { name: 'web' },
  spec: {
    rules: [
      {
        host: 'web.example.com',
        http: {
          paths: services.map((s, i) => ({ path: `/p${i}`, backend: { service: { name: s } } })),
        },
      },
    ],
  },
});

describe('blue/green router rules', () => {
  test('the live colour is the one the Ingress backends point at', () => {
    assert.deepEqual(readRouter(viaIngress, 'web', ingress('web-blue', 'web-blue')), {
      live: 'blue',
      mixed: false,
      targets: ['web-blue'],
    });
    const half = readRouter(viaIngress, 'web', ingress('web-blue', 'web-green'));
    assert.equal(half.live, null);
    assert.equal(half.mixed, true);
    assert.equal(readRouter(viaIngress, 'web', ingress('web')).live, null);
  });

  test('switching patches only the colour backends, each guarded by a test of its old value', () => {
    const ops = switchPatch(viaIngress, 'web', ingress('web-blue', 'api', 'web-blue'), 'green');
    assert.deepEqual(ops, [
      { op: 'test', path: '/spec/rules/0/http/paths/0/backend/service/name', value: 'web-blue' },
      {
        op: 'replace',
        path: '/spec/rules/0/http/paths/0/backend/service/name',
        value: 'web-green',
      },
      { op: 'test', path: '/spec/rules/0/http/paths/2/backend/service/name', value: 'web-blue' },
      {
        op: 'replace',
        path: '/spec/rules/0/http/paths/2/backend/service/name',
        value: 'web-green',
      },
    ]);
    assert.deepEqual(switchPatch(viaIngress, 'web', ingress('web-green'), 'green'), []);
  });

  test('a router that points at no colour yet is taken over whole', () => {
    const ops = switchPatch(viaIngress, 'web', ingress('web'), 'blue');
    assert.deepEqual(ops.filter((o) => o.op === 'replace').length, 1);
  });

  test('a Service router switches its selector label, escaped as a JSON pointer', () => {
    const svc: TRouterObject = {
      spec: { selector: { 'app.kubernetes.io/instance': 'web-blue', app: 'web' } },
    };
    assert.equal(readRouter(viaService, 'web', svc).live, 'blue');
    assert.deepEqual(switchPatch(viaService, 'web', svc, 'green'), [
      { op: 'test', path: '/spec/selector/app.kubernetes.io~1instance', value: 'web-blue' },
      { op: 'replace', path: '/spec/selector/app.kubernetes.io~1instance', value: 'web-green' },
    ]);
  });

  test('the canary Ingress copies hosts and paths onto the canary Service with the weight', () => {
    const stable = ingress('web', 'web');
    (stable.spec as Record<string, unknown>).tls = [{ hosts: ['web.example.com'] }];
    const canary = canaryIngressFor(stable, 'web-canary', 'web-canary', 10);
    const meta = canary.metadata as {
      annotations: Record<string, string>;
      labels: Record<string, string>;
    };
    assert.equal(meta.annotations['nginx.ingress.kubernetes.io/canary'], 'true');
    assert.equal(meta.annotations['nginx.ingress.kubernetes.io/canary-weight'], '10');
    assert.equal(meta.labels['app.kubernetes.io/managed-by'], 'helmdeck');
    const rules = (
      canary.spec as {
        rules: { host: string; http: { paths: { backend: { service: { name: string } } }[] } }[];
      }
    ).rules;
    assert.equal(rules[0]?.host, 'web.example.com');
    assert.deepEqual(
      rules[0]?.http.paths.map((p) => p.backend.service.name),
      ['web-canary', 'web-canary'],
    );
    assert.equal((canary.spec as { tls?: unknown }).tls, undefined);
    // The stable Ingress is not changed by making the copy.
    assert.equal(readRouter(viaIngress, 'web', stable).targets[0], 'web');
  });
});
