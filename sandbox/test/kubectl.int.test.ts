// Real kubectl 1.35 against the sandbox, checking the cluster's objects afterwards.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { bundledToolPath } from '@/lib/helm/bundled-tools';
import type { TSandbox } from '../index';
import { startTestSandbox, tempDir } from './helpers';

const run = promisify(execFile);

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port: {number: 80}
`;

describe('kubectl against the sandbox', () => {
  let sb: TSandbox;
  let kubectl: (...args: string[]) => Promise<string>;
  let manifest: string;
  before(async () => {
    sb = await startTestSandbox();
    manifest = path.join(tempDir(), 'app.yaml');
    writeFileSync(manifest, MANIFEST);
    const bin = bundledToolPath('kubectl');
    kubectl = async (...args) =>
      (await run(bin, ['--kubeconfig', sb.kubeconfigPath, ...args], { timeout: 60_000 })).stdout;
  });
  after(() => sb.stop());

  it('applies a manifest and sees the rollout complete', async () => {
    const out = await kubectl('apply', '-f', manifest);
    assert.match(out, /deployment.apps\/web created/);
    assert.match(await kubectl('apply', '-f', manifest), /deployment.apps\/web unchanged/);
    const status = await kubectl(
      'rollout',
      'status',
      'deployment/web',
      '-n',
      'shop',
      '--timeout=60s',
    );
    assert.match(status, /successfully rolled out/);
    const deploy = sb.clusters[0]!.store.get('deployments.apps', 'shop', 'web')!;
    assert.equal((deploy.status as { readyReplicas?: number }).readyReplicas, 2);
    assert.ok(deploy.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']);
  });

  it('prints the real table columns for get', async () => {
    const out = await kubectl('get', 'deploy,pods', '-n', 'shop');
    assert.match(out, /NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
    assert.match(out, /deployment.apps\/web\s+2\/2\s+2\s+2/);
    assert.match(out, /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    assert.match(out, /pod\/web-[a-z0-9]+-[a-z0-9]+\s+1\/1\s+Running\s+0/);
    const wide = await kubectl('get', 'svc', '-A', '-o', 'wide');
    assert.match(
      wide,
      /NAMESPACE\s+NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR/,
    );
  });

  it('patches an Ingress with a JSON patch', async () => {
    const out = await kubectl(
      'patch',
      'ingress',
      'web',
      '-n',
      'shop',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/rules/0/host","value":"new.example.com"}]',
    );
    assert.match(out, /ingress.networking.k8s.io\/web patched/);
    const ingress = sb.clusters[0]!.store.get('ingresses.networking.k8s.io', 'shop', 'web')!;
    assert.equal(
      (ingress.spec as { rules: Array<{ host: string }> }).rules[0]!.host,
      'new.example.com',
    );
    assert.ok(
      (ingress.metadata.managedFields as Array<{ manager: string }>).some(
        (m) => m.manager === 'kubectl-patch',
      ),
    );
  });

  it('creates objects with protobuf generators and scales', async () => {
    await kubectl('create', 'configmap', 'settings', '-n', 'shop', '--from-literal=mode=fast');
    assert.deepEqual(sb.clusters[0]!.store.get('configmaps', 'shop', 'settings')?.data, {
      mode: 'fast',
    });
    await kubectl(
      'create',
      'deployment',
      'api',
      '-n',
      'shop',
      '--image=nginx:1.27',
      '--replicas=2',
      '--port=8080',
    );
    const api = sb.clusters[0]!.store.get('deployments.apps', 'shop', 'api')!;
    assert.equal((api.spec as { replicas: number }).replicas, 2);
    await kubectl('scale', 'deployment/web', '-n', 'shop', '--replicas=3');
    assert.equal(
      (sb.clusters[0]!.store.get('deployments.apps', 'shop', 'web')!.spec as { replicas: number })
        .replicas,
      3,
    );
  });

  it('deletes objects', async () => {
    assert.match(await kubectl('delete', 'ingress', 'web', '-n', 'shop'), /deleted/);
    assert.equal(
      sb.clusters[0]!.store.get('ingresses.networking.k8s.io', 'shop', 'web'),
      undefined,
    );
    await assert.rejects(kubectl('get', 'ingress', 'web', '-n', 'shop'), /NotFound|not found/);
  });
});
