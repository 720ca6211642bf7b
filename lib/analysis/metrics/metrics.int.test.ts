// Metric analysis against a real Prometheus scraping a sandbox cluster:
// releases made by real helm, a canary Ingress from lib/strategies carrying
// half of the traffic, the default PromQL templates filled per track.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfig, type TCanaryStrategy } from '@/lib/config';
import { helmUpgrade } from '@/lib/helm';
import { createClusterClients, loadKubeConfig, type TClusterClients } from '@/lib/kube';
import { setCanaryWeight } from '@/lib/strategies';
import {
  PROMETHEUS_MISSING,
  prometheusBinary,
  startPrometheus,
  startSandbox,
  type TPrometheus,
  type TSandbox,
} from '../../../sandbox/index';
import { metricSource, PrometheusClient, PrometheusError, runAnalysis } from './index';

const CHART = path.resolve('examples/charts/alpha-members');
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-metrics-'));
let sandbox: TSandbox;
let prom: TPrometheus;
let kube: TClusterClients;

const canary: TCanaryStrategy = {
  type: 'canary',
  environment: 'staging',
  steps: [50],
  stepInterval: '10s',
  automatic: true,
  canaryService: '{release}',
  canaryValues: {},
  failureLimit: 1,
};

function config(url: string) {
  return parseConfig(
    `
environments: [{ name: staging, clusters: [{ name: east, context: east }], namespace: staging }]
metrics:
  prometheus: { url: "${url}", clusterLabel: cluster, timeout: 5s }
  analysis: { window: 10s }
`,
    path.join(dir, 'helmdeck.yaml'),
  );
}

async function install(ns: string, release: string, tag: string, ingress: boolean) {
  await helmUpgrade(
    { kubeconfig: sandbox.kubeconfigPath, kubeContext: 'east', namespace: ns },
    {
      release,
      chart: CHART,
      install: true,
      createNamespace: true,
      wait: 'watcher',
      timeout: '60s',
      values: {
        replicaCount: 1,
        image: { tag },
        ingress: { enabled: ingress, host: `${ns}.example.com` },
        ...(release.endsWith('-canary') ? { track: '' } : {}),
      },
    },
  );
}

const track = (ns: string, release: string) => ({
  namespace: ns,
  release,
  track: release.endsWith('-canary') ? 'canary' : 'stable',
  cluster: 'east',
});

async function waitForSamples(client: PrometheusClient, ns: string) {
  const until = Date.now() + 120_000;
  for (;;) {
    const [s] = await client.query(`min(count_over_time(up{namespace="${ns}"}[10s]))`);
    const pods = await client.query(`count(up{namespace="${ns}"} == 1)`);
    if ((s?.value ?? 0) >= 8 && (pods[0]?.value ?? 0) >= 2) return;
    if (Date.now() > until) throw new Error(`no ten seconds of scrapes in ${ns}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe(
  'metric analysis from a real Prometheus',
  { skip: prometheusBinary() ? false : PROMETHEUS_MISSING, timeout: 400_000 },
  () => {
    before(async () => {
      sandbox = await startSandbox({
        clusters: ['east'],
        kubeconfigPath: path.join(dir, 'kubeconfig'),
      });
      kube = createClusterClients(
        loadKubeConfig({ files: [sandbox.kubeconfigPath] }).kubeConfig,
        'east',
      );
      await Promise.all([
        install('errors', 'alpha-members', '2.0.0', true).then(() =>
          install('errors', 'alpha-members-canary', '2.1.0-errors', false),
        ),
        install('slow', 'alpha-members', '2.0.0', true).then(() =>
          install('slow', 'alpha-members-canary', '2.1.0-slowapi', false),
        ),
      ]);
      await setCanaryWeight(kube, 'errors', 'alpha-members', canary, 50);
      await setCanaryWeight(kube, 'slow', 'alpha-members', canary, 50);
      prom = await startPrometheus({
        sandbox,
        dataDir: path.join(dir, 'prom'),
        scrapeInterval: '1s',
      });
    });
    after(async () => {
      await prom?.stop();
      await sandbox?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('an errors canary fails the 5 % rule with its number; the stable track passes', async () => {
      const cfg = config(prom.url);
      const source = await metricSource(cfg);
      assert.equal(source.state, 'ready');
      const client = new PrometheusClient(cfg.metrics.prometheus!);
      await waitForSamples(client, 'errors');
      const input = { client, prometheus: cfg.metrics.prometheus!, analysis: cfg.metrics.analysis };
      const bad = await runAnalysis({
        ...input,
        track: track('errors', 'alpha-members-canary'),
        baseline: { kind: 'track', track: track('errors', 'alpha-members') },
      });
      assert.equal(bad.verdict, 'fail');
      const errorRate = bad.metrics.find((m) => m.metric === 'error-rate')!;
      assert.equal(errorRate.verdict, 'fail');
      assert.ok(errorRate.value! > 0.06 && errorRate.value! < 0.1, `5xx ratio ${errorRate.value}`);
      assert.match(errorRate.reason, /is above the maximum 0\.05/);
      assert.match(
        errorRate.query,
        /app_kubernetes_io_instance="alpha-members-canary",cluster="east"/,
      );
      const good = await runAnalysis({ ...input, track: track('errors', 'alpha-members') });
      assert.equal(good.metrics.find((m) => m.metric === 'error-rate')?.verdict, 'pass');
    });

    test('a slowapi canary fails the latency rule against the stable baseline', async () => {
      const cfg = config(prom.url);
      const client = new PrometheusClient(cfg.metrics.prometheus!);
      await waitForSamples(client, 'slow');
      const result = await runAnalysis({
        client,
        prometheus: cfg.metrics.prometheus!,
        analysis: cfg.metrics.analysis,
        track: track('slow', 'alpha-members-canary'),
        baseline: { kind: 'track', track: track('slow', 'alpha-members') },
      });
      const latency = result.metrics.find((m) => m.metric === 'latency-p99')!;
      assert.equal(latency.verdict, 'fail', latency.reason);
      assert.ok(latency.value! / latency.baseline! > 2, `${latency.value} vs ${latency.baseline}`);
      assert.equal(result.metrics.find((m) => m.metric === 'error-rate')?.verdict, 'pass');
    });

    test('a bad query and an unreachable Prometheus are named as such', async () => {
      const client = new PrometheusClient({ url: prom.url, timeout: '5s' });
      await assert.rejects(
        client.query('sum(rate(x[1m]'),
        (e) =>
          e instanceof PrometheusError && e.kind === 'query' && /not valid PromQL/.test(e.message),
      );
      const gone = await metricSource(config('http://127.0.0.1:1'));
      assert.equal(gone.state, 'unreachable');
      assert.match(
        gone.state === 'unreachable' ? gone.message : '',
        /metric analysis has no source/,
      );
      const none = await metricSource(
        parseConfig(
          'environments: [{ name: s, clusters: [{ name: c, context: c }], namespace: s }]\n',
          path.join(dir, 'helmdeck.yaml'),
        ),
      );
      assert.equal(none.state, 'none');
    });
  },
);
