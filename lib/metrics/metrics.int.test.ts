// Helmdeck's metrics as Prometheus sees them: a real Prometheus scrapes
// /api/metrics (bearer token) and the metrics port after a real helm
// install ran through the operations queue against a sandbox cluster.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { parseConfig, type THelmdeckConfig } from '@/lib/config';
import { stopTestServer } from '@/lib/db/test-database';
import { stopQueue } from '@/lib/operations/queue';
import { requestOperation } from '@/lib/operations/request-operation';
import { configureOperations, kubeClients } from '@/lib/operations/runtime';
import {
  configYaml,
  startFixture,
  waitFor,
  waitForFinal,
  type TFixture,
} from '@/lib/operations/testing/fixture';
import { startWorker, type TWorker } from '@/lib/operations/worker';
import { configureReleaseView, stopReleaseView } from '@/lib/release-view';
import { metricsResponse, startMetricsServer, type TMetricsServer } from './serve';
import { startPrometheus, type TPrometheus } from './testing/prometheus';

const T = { timeout: 300_000 };
const TOKEN = 'scrape-token-0123456789abcdef';
let f: TFixture;
let worker: TWorker;
let api: Server;
let port: TMetricsServer;
let prometheus: TPrometheus;
let config: THelmdeckConfig;

/** /api/metrics as the route handler answers it, on a loopback port. */
function serveApiMetrics(): Promise<Server> {
  const server = createServer((req, res) => {
    const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
      headers: req.headers.authorization ? { authorization: req.headers.authorization } : {},
    });
    void metricsResponse(request, { config, token: TOKEN }).then(async (r) => {
      res.writeHead(r.status, Object.fromEntries(r.headers)).end(await r.text());
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

before(async () => {
  f = await startFixture();
  const base = parseConfig(configYaml(), f.configPath);
  config = { ...base, metricsEndpoint: { bearerToken: true, host: '127.0.0.1' } };
  configureReleaseView({ config, clientsFor: kubeClients });
  worker = await startWorker({ concurrency: 1 });
  // What the tests scrape: one install, run by the worker with real helm.
  const op = await requestOperation({
    actor: f.rita,
    kind: 'install',
    environment: 'staging',
    cluster: 'staging',
    release: 'alpha-members',
    params: { imageTag: '2.3.0' },
  });
  const done = await waitForFinal(f.db, op.id);
  assert.equal(done.state, 'succeeded', done.error ?? '');
  api = await serveApiMetrics();
  port = await startMetricsServer({
    port: 0,
    host: '127.0.0.1',
    config: { ...config, metricsEndpoint: { bearerToken: false, port: 1, host: '127.0.0.1' } },
  });
  const apiTarget = `127.0.0.1:${(api.address() as AddressInfo).port}`;
  prometheus = await startPrometheus([
    { job: 'helmdeck', target: apiTarget, metricsPath: '/api/metrics', bearerToken: TOKEN },
    {
      job: 'wrong-token',
      target: apiTarget,
      metricsPath: '/api/metrics',
      bearerToken: 'x'.repeat(20),
    },
    { job: 'no-token', target: apiTarget, metricsPath: '/api/metrics' },
    { job: 'metrics-port', target: `127.0.0.1:${port.port}`, metricsPath: '/metrics' },
  ]);
});

after(async () => {
  await prometheus?.stop();
  await port?.stop();
  await new Promise((r) => (api ? api.close(r) : r(undefined)));
  await worker?.stop();
  await stopQueue();
  stopReleaseView();
  await f?.db.drop();
  await stopTestServer();
  await f?.stop();
  configureOperations({});
});

/** The value of `promql` once Prometheus has scraped it and `ok` holds. */
async function scraped(promql: string, ok: (v: number) => boolean = (v) => v > 0) {
  return waitFor(
    `Prometheus to see ${promql}`,
    async () => {
      const [sample] = await prometheus.query(promql);
      return sample && ok(sample.value) ? sample : null;
    },
    60_000,
  );
}

describe('metrics', () => {
  test(
    'an install run by the worker shows up in Prometheus by kind, environment and outcome, with its duration and queue wait',
    T,
    async () => {
      const sel = 'job="helmdeck",kind="install",environment="staging"';
      const ok = await scraped(`helmdeck_operations_total{${sel},outcome="succeeded"}`);
      assert.equal(ok.value, 1);
      const failed = await scraped(
        `helmdeck_operations_total{${sel},outcome="failed"}`,
        () => true,
      );
      assert.equal(failed.value, 0, 'every outcome is a series from the first scrape');
      assert.equal((await scraped(`helmdeck_operation_duration_seconds_count{${sel}}`)).value, 1);
      assert.equal((await scraped(`helmdeck_operation_queue_wait_seconds_count{${sel}}`)).value, 1);
      const queued = await scraped(
        'helmdeck_operation_queue_depth{job="helmdeck",state="queued"}',
        (v) => v === 0,
      );
      assert.equal(queued.value, 0);
    },
  );

  test(
    'per-cluster reachability, watch age and read-model size come from the read model',
    T,
    async () => {
      const reachable = await scraped(
        'helmdeck_cluster_reachable{job="helmdeck",cluster="staging"}',
      );
      assert.equal(reachable.value, 1);
      const age = await scraped(
        'helmdeck_cluster_watch_age_seconds{job="helmdeck",cluster="staging"}',
        () => true,
      );
      assert.ok(age.value < 30, `watch age ${age.value}s`);
      const releases = await scraped(
        'helmdeck_read_model_objects{job="helmdeck",cluster="staging",kind="releases"}',
      );
      assert.ok(releases.value >= 1);
    },
  );

  test('a scrape without the bearer token, or with a wrong one, is refused (401)', T, async () => {
    for (const job of ['wrong-token', 'no-token']) {
      const target = await waitFor(
        `the ${job} target to be scraped`,
        async () =>
          (await prometheus.targets()).find((t) => t.job === job && t.health !== 'unknown'),
        60_000,
      );
      assert.equal(target.health, 'down');
      assert.match(target.lastError, /401/);
    }
    const up = await scraped('up{job="helmdeck"}');
    assert.equal(up.value, 1);
  });

  test(
    'the metrics port serves the same registry, and /api/metrics then answers 404',
    T,
    async () => {
      const ops = await scraped(
        'helmdeck_operations_total{job="metrics-port",kind="install",environment="staging",outcome="succeeded"}',
      );
      assert.equal(ops.value, 1);
      const res = await metricsResponse(new Request('http://127.0.0.1/api/metrics'), {
        config: { ...config, metricsEndpoint: { bearerToken: false, port: 9464, host: '0.0.0.0' } },
      });
      assert.equal(res.status, 404);
      assert.match(((await res.json()) as { error: string }).error, /port 9464/);
    },
  );

  test('without a metricsEndpoint section nothing is served', T, async () => {
    const { metricsEndpoint: _off, ...withoutMetrics } = config;
    const res = await metricsResponse(new Request('http://127.0.0.1/api/metrics'), {
      config: withoutMetrics,
    });
    assert.equal(res.status, 404);
  });
});
