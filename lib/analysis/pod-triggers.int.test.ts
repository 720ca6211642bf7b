// Each automatic-rollback trigger against real pods: the demo chart installed
// with real helm (no wait, so the failing build stays) into a sandbox
// cluster whose image-tag failure modes make the pods fail the way real ones do.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfig, type TEnvironment } from '@/lib/config';
import { bundledToolPath, helmInstall, inspectHelm, type THelmTarget } from '@/lib/helm';
import { createClusterClients, loadKubeConfig, type TClusterClients } from '@/lib/kube';
import { startSandbox, type TSandbox } from '../../sandbox/index';
import { podTriggerCheck, runWatch, type TWatchTarget } from './index';

const CHART = path.resolve('examples/charts/alpha-members');
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-triggers-'));
let sandbox: TSandbox;
let clients: TClusterClients;
let helmTargetFor: (ns: string) => THelmTarget;

const environment = (): TEnvironment =>
  parseConfig(
    `
environments:
  - name: staging
    clusters: [{ name: staging, context: staging }]
    namespace: staging
    autoRollback: { crashLoopRestarts: 3, unreadySeconds: 3, oomKilled: true, imagePullFailure: true, watchFor: 30s }
`,
    path.join(dir, 'helmdeck.yaml'),
  ).environments[0]!;

before(async () => {
  sandbox = await startSandbox({
    clusters: ['staging'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  clients = createClusterClients(
    loadKubeConfig({ files: [sandbox.kubeconfigPath] }).kubeConfig,
    'staging',
  );
  const helm = await inspectHelm(bundledToolPath('helm'));
  helmTargetFor = (namespace) => ({
    helm,
    kubeconfig: sandbox.kubeconfigPath,
    kubeContext: 'staging',
    namespace,
  });
});
after(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function deployAndWatch(tag: string, watchForMs = 30_000, unreadySeconds = 3) {
  const namespace = `t-${tag.replace(/[^a-z0-9]/g, '')}`;
  const started = new Date();
  await helmInstall(helmTargetFor(namespace), {
    release: 'alpha-members',
    chart: CHART,
    createNamespace: true,
    wait: 'none',
    values: { image: { tag }, migration: { enabled: false }, replicaCount: 1 },
  });
  const env = environment();
  const target: TWatchTarget = {
    environment: { ...env, namespace, autoRollback: { ...env.autoRollback!, unreadySeconds } },
    cluster: env.clusters[0]!,
    namespace,
    release: 'alpha-members',
    helmRelease: 'alpha-members',
    revision: 1,
    previousRevision: null,
    rolloutStartedAt: started,
  };
  return runWatch(target, {
    watchForMs,
    intervalMs: 250,
    core: clients.core,
    checks: [podTriggerCheck],
  });
}

describe('automatic-rollback triggers on sandbox pods (helm 4)', () => {
  test('a crash loop past crashLoopRestarts fires with the pod, container and restarts', async () => {
    // Crashing pods are unready too: a long unready limit lets the restart count decide.
    const r = await deployAndWatch('crashloop', 30_000, 600);
    assert.equal(r.outcome, 'triggered');
    if (r.outcome !== 'triggered') return;
    assert.equal(r.trigger.check, 'pods.crashLoop');
    const e = r.trigger.evidence as {
      pod: string;
      container: string;
      restarts: number;
      reason: string;
      since: string;
    };
    assert.match(e.pod, /^alpha-members-/);
    assert.equal(e.container, 'members');
    assert.equal(e.restarts, 4);
    assert.equal(e.reason, 'CrashLoopBackOff');
    assert.ok(Date.parse(e.since) > 0);
  });

  test('an OOMKilled container fires', async () => {
    const r = await deployAndWatch('oom');
    assert.equal(r.outcome === 'triggered' && r.trigger.check, 'pods.oomKilled');
  });

  test('an image pull failure fires', async () => {
    const r = await deployAndWatch('pullfail');
    assert.equal(r.outcome === 'triggered' && r.trigger.check, 'pods.imagePull');
  });

  test('a pod unready longer than unreadySeconds fires', async () => {
    const r = await deployAndWatch('unready');
    assert.equal(r.outcome === 'triggered' && r.trigger.check, 'pods.unready');
  });

  test('a healthy build passes the watch', async () => {
    const r = await deployAndWatch('2.3.1', 4_000);
    assert.equal(r.outcome, 'passed');
    assert.equal(r.findings[0]?.verdict, 'pass');
  });
});
