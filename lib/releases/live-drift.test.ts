import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonical, desiredObjects, driftResources, liveDrift } from './live-drift';

const manifest = `
---
# Source: web/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.2.3
          resources:
            limits:
              cpu: 0.5
        - name: sidecar
          image: envoy:1.0
      volumes:
        - name: conf
          configMap:
            name: web-config
            defaultMode: 0644
      hostNetwork: no
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  LOG_LEVEL: info
  app.conf: "${'x'.repeat(200)}"
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
    - port: 80
      targetPort: http
`;

const desired = () => desiredObjects(driftResources(manifest, 'prod'));

// What the API server gives back: defaults and controller-written fields besides the chart's.
function liveObjects() {
  return new Map<string, Record<string, unknown>>([
    [
      'Deployment/web',
      {
        metadata: { name: 'web', annotations: { 'deployment.kubernetes.io/revision': '3' } },
        spec: {
          replicas: 2,
          progressDeadlineSeconds: 600,
          template: {
            metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': 'now' } },
            spec: {
              // Order of named items is not drift.
              containers: [
                { name: 'sidecar', image: 'envoy:1.0', imagePullPolicy: 'IfNotPresent' },
                { name: 'app', image: 'nginx:1.2.3', resources: { limits: { cpu: '500m' } } },
              ],
              // Kubernetes reads YAML 1.1: 0644 is octal, `no` is false.
              volumes: [{ name: 'conf', configMap: { name: 'web-config', defaultMode: 420 } }],
              hostNetwork: false,
            },
          },
        },
        status: { replicas: 2 },
      },
    ],
    [
      'ConfigMap/web-config',
      { data: { LOG_LEVEL: 'info', 'app.conf': 'x'.repeat(200), added: 'by hand' } },
    ],
    [
      'Service/web',
      {
        spec: { clusterIP: '10.0.0.7', ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] },
      },
    ],
  ]);
}

const drift = (live: Map<string, Record<string, unknown>>) =>
  liveDrift(desired(), (kind, _ns, name) => live.get(`${kind}/${name}`) ?? null);

test('objects as the chart set them, plus defaults and controller fields, are not drift', () => {
  assert.deepEqual(drift(liveObjects()), []);
});

test('replicas scaled by hand and an image set by hand show as field diffs of that object', () => {
  const live = liveObjects();
  const d = live.get('Deployment/web') as {
    spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
  };
  d.spec.replicas = 5;
  d.spec.template.spec.containers[1]!.image = 'nginx:9.9.9';
  assert.deepEqual(drift(live), [
    {
      kind: 'Deployment',
      namespace: 'prod',
      name: 'web',
      missing: false,
      fields: [
        { path: 'spec.replicas', chart: '2', live: '5' },
        {
          path: 'spec.template.spec.containers[app].image',
          chart: 'nginx:1.2.3',
          live: 'nginx:9.9.9',
        },
      ],
    },
  ]);
});

test('an edited ConfigMap value and a deleted object are drift; a key added by hand is not', () => {
  const live = liveObjects();
  (live.get('ConfigMap/web-config') as { data: Record<string, string> }).data.LOG_LEVEL = 'debug';
  live.delete('Service/web');
  const found = drift(live);
  assert.deepEqual(
    found.map((o) => [o.kind, o.missing, o.fields]),
    [
      ['ConfigMap', false, [{ path: 'data.LOG_LEVEL', chart: 'info', live: 'debug' }]],
      ['Service', true, []],
    ],
  );
});

test('a long value is compared by digest, so it is not held in memory', () => {
  const cm = desired().find((o) => o.kind === 'ConfigMap')!;
  const conf = cm.fields.find(([p]) => p === 'data.app.conf')![1];
  assert.match(conf, /^sha256:[0-9a-f]{16}$/);
  assert.equal(conf, canonical('data.app.conf', 'x'.repeat(200)));
});

test('replicas of a workload its HPA scales are the HPA’s, not drift', () => {
  const withHpa = `${manifest}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
`;
  const objs = desiredObjects(driftResources(withHpa, 'prod'));
  const dep = objs.find((o) => o.kind === 'Deployment')!;
  assert.ok(!dep.fields.some(([p]) => p === 'spec.replicas'));
});
