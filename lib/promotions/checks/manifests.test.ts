import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  parseManifests,
  parseQuantity,
  podTemplates,
  references,
  resourceTotals,
  selectorMatches,
} from './manifests';

const MANIFEST = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  template:
    metadata: { labels: { app: web, tier: front } }
    spec:
      containers:
        - name: web
          env:
            - { name: A, valueFrom: { secretKeyRef: { name: s1, key: k } } }
            - { name: B, valueFrom: { configMapKeyRef: { name: c1, key: k, optional: true } } }
          envFrom: [{ configMapRef: { name: c2 } }]
          resources: { requests: { cpu: 250m, memory: 64Mi }, limits: { memory: 128Mi } }
      volumes:
        - { name: v, secret: { secretName: s2 } }
        - { name: p, projected: { sources: [{ configMap: { name: c3 } }] } }
---
apiVersion: v1
kind: Pod
metadata: { name: web-test, annotations: { helm.sh/hook: test } }
spec: { containers: [{ name: t }] }
`;

describe('rendered manifests', () => {
  test('quantities in Kubernetes notation', () => {
    assert.equal(parseQuantity('250m'), 0.25);
    assert.equal(parseQuantity('2'), 2);
    assert.equal(parseQuantity('64Mi'), 64 * 1024 ** 2);
    assert.equal(parseQuantity('1G'), 1e9);
    assert.ok(Number.isNaN(parseQuantity('lots')));
  });

  test('pod templates leave hooks out and keep replicas and labels', () => {
    const t = podTemplates(parseManifests(MANIFEST));
    assert.equal(t.length, 1);
    assert.equal(t[0]!.replicas, 3);
    assert.deepEqual(t[0]!.labels, { app: 'web', tier: 'front' });
  });

  test('references: env, envFrom, volumes and projected sources; optional ones left out', () => {
    const refs = references(podTemplates(parseManifests(MANIFEST))[0]!).map(
      (r) => `${r.kind}/${r.name}`,
    );
    assert.deepEqual(refs.sort(), ['ConfigMap/c2', 'ConfigMap/c3', 'Secret/s1', 'Secret/s2']);
  });

  test('resource totals multiply by replicas, bare cpu means requests', () => {
    const totals = resourceTotals(podTemplates(parseManifests(MANIFEST)));
    assert.equal(totals['requests.cpu'], 0.75);
    assert.equal(totals.cpu, 0.75);
    assert.equal(totals['limits.memory'], 3 * 128 * 1024 ** 2);
    assert.equal(totals.pods, 3);
  });

  test('label selectors as NetworkPolicies use them', () => {
    const labels = { app: 'web', tier: 'front' };
    assert.ok(selectorMatches({}, labels));
    assert.ok(selectorMatches({ matchLabels: { app: 'web' } }, labels));
    assert.ok(!selectorMatches({ matchLabels: { app: 'api' } }, labels));
    assert.ok(
      selectorMatches(
        { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] },
        labels,
      ),
    );
    assert.ok(
      !selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels),
    );
  });
});
