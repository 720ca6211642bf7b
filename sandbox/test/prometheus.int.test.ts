// A real Prometheus discovers the sandbox's pods with kubernetes_sd_configs,
// scrapes them through the API server's pods proxy, and PromQL over its HTTP
// API sees what the image tags promise and where the router sends traffic.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  PROMETHEUS_MISSING,
  prometheusBinary,
  startPrometheus,
  type TPrometheus,
  type TSandbox,
} from '../index';
import { call, startTestSandbox, tempDir, waitFor } from './helpers';

const NS = 'shop';
const FIRST_APPS = 'healthy|broken|sluggish|idle';
let sb: TSandbox;
let prom: TPrometheus;

async function create(urlPath: string, body: unknown): Promise<void> {
  const r = await call(sb, 'POST', urlPath, { body });
  assert.equal(r.status, 201, r.text);
}

/** A Deployment `name` (image tag `tag`, label colour) with a Service of its own. */
async function app(name: string, tag: string): Promise<void> {
  const labels = { app: name, 'app.kubernetes.io/instance': name };
  await create(`/apis/apps/v1/namespaces/${NS}/deployments`, {
    metadata: { name, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            { name: 'web', image: `shop:${tag}`, ports: [{ name: 'http', containerPort: 8080 }] },
          ],
        },
      },
    },
  });
  await create(`/api/v1/namespaces/${NS}/services`, {
    metadata: { name },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 'http' }] },
  });
}

function ingressFor(host: string, service: string) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: host.split('.')[0], namespace: NS },
    spec: {
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: service, port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  };
}

/** One number from an instant PromQL query, or undefined while there is no result. */
async function query(promql: string): Promise<number | undefined> {
  const r = await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await r.json()) as {
    status: string;
    data: { result: Array<{ value: [number, string] }> };
  };
  assert.equal(body.status, 'success', JSON.stringify(body));
  const value = body.data.result[0]?.value[1];
  return value === undefined || value === 'NaN' ? undefined : Number(value);
}

const errorRatio = (release: string) =>
  `sum(rate(http_requests_total{app_kubernetes_io_instance="${release}",code=~"5.."}[10s])) / sum(rate(http_requests_total{app_kubernetes_io_instance="${release}"}[10s]))`;
const p99 = (release: string) =>
  `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{app_kubernetes_io_instance="${release}"}[10s])))`;
const rps = (release: string, window = '3s') =>
  `sum(rate(http_requests_total{app_kubernetes_io_instance="${release}"}[${window}]))`;

describe(
  'a real Prometheus scraping the sandbox',
  { skip: prometheusBinary() ? false : PROMETHEUS_MISSING, concurrency: true },
  () => {
    before(async () => {
      sb = await startTestSandbox();
      await create('/api/v1/namespaces', { metadata: { name: NS } });
      await app('healthy', '1.0.0');
      await app('broken', '1.1.0-errors');
      await app('sluggish', '1.1.0-slowapi');
      await app('idle', '1.2.0');
      for (const [host, service] of [
        ['healthy.example.com', 'healthy'],
        ['broken.example.com', 'broken'],
        ['sluggish.example.com', 'sluggish'],
      ])
        await create(
          `/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses`,
          ingressFor(host!, service!),
        );
      prom = await startPrometheus({
        sandbox: sb,
        dataDir: path.join(tempDir('prometheus-'), 'prom'),
        scrapeInterval: '1s',
      });
    });
    after(async () => {
      await prom?.stop();
      await sb?.stop();
    });

    test('discovers every Running pod through the API server and scrapes it through the pods proxy', async () => {
      const up = await waitFor(async () => {
        const n = await query(`count(up{app_kubernetes_io_instance=~"${FIRST_APPS}"} == 1)`);
        return n === 8 ? n : undefined;
      }, 'eight pods up');
      assert.equal(up, 8);
      assert.equal(
        await query(`count(up{app_kubernetes_io_instance=~"${FIRST_APPS}"} == 0)`),
        undefined,
        'no target is down',
      );
      assert.equal(
        await query(`count(up{namespace="${NS}",cluster="dev",app_kubernetes_io_instance="idle"})`),
        2,
      );
    });

    test('the errors build answers about 8 % 5xx, the healthy one none; slowapi is about 3x slower', async () => {
      // Ten seconds of samples of every pod first, so each rate() has its full window.
      await waitFor(
        async () =>
          ((await query(
            `min(count_over_time(up{app_kubernetes_io_instance=~"${FIRST_APPS}"}[10s]))`,
          )) ?? 0) >= 10,
        'ten seconds of scrapes',
      );
      const broken = (await query(errorRatio('broken')))!;
      assert.ok(broken > 0.06 && broken < 0.1, `errors build 5xx ratio ${broken}`);
      assert.equal(await query(errorRatio('healthy')), 0);
      const slow = (await query(p99('sluggish')))!;
      const fast = (await query(p99('healthy')))!;
      assert.ok(slow / fast > 2.2 && slow / fast < 4, `p99 ${slow} vs ${fast}`);
    });

    test('switching the Ingress backend, then the router Service selector, moves the traffic; the idle colour sees only proxied requests', async () => {
      await app('blue', '2.0.0');
      await app('green', '2.1.0');
      await create(`/api/v1/namespaces/${NS}/services`, {
        metadata: { name: 'live' },
        spec: { selector: { app: 'blue' }, ports: [{ port: 80, targetPort: 'http' }] },
      });
      await create(
        `/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses`,
        ingressFor('members.example.com', 'blue'),
      );
      const flows = async (to: string, from: string) =>
        waitFor(async () => {
          const [moved, left] = [await query(rps(to)), await query(rps(from))];
          return (moved ?? 0) > 20 && left === 0 ? moved : undefined;
        }, `traffic on ${to} and none on ${from}`);
      await flows('blue', 'green');
      const patch = await call(
        sb,
        'PATCH',
        `/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses/members`,
        {
          body: [
            {
              op: 'replace',
              path: '/spec/rules/0/http/paths/0/backend/service/name',
              value: 'live',
            },
          ],
          contentType: 'application/json-patch+json',
        },
      );
      assert.equal(patch.status, 200, patch.text);
      await flows('blue', 'green');
      const switched = await call(sb, 'PATCH', `/api/v1/namespaces/${NS}/services/live`, {
        body: { spec: { selector: { app: 'green' } } },
        contentType: 'application/merge-patch+json',
      });
      assert.equal(switched.status, 200, switched.text);
      await flows('green', 'blue');
      // Test traffic through the services proxy reaches the idle colour, and only that.
      const total = 'sum(http_requests_total{app_kubernetes_io_instance="blue"})';
      const before = (await query(total))!;
      for (let i = 0; i < 20; i++)
        assert.equal(
          (await call(sb, 'GET', `/api/v1/namespaces/${NS}/services/blue:80/proxy/health`)).status,
          200,
        );
      await waitFor(
        async () => (await query(total)) === before + 20,
        'exactly the 20 proxied requests counted',
      );
    });

    test('an ingress-nginx canary Ingress takes its weight of the host', async () => {
      await app('stable', '3.0.0');
      await app('canary', '3.1.0');
      await create(
        `/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses`,
        ingressFor('pay.example.com', 'stable'),
      );
      await create(`/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses`, {
        ...ingressFor('pay.example.com', 'canary'),
        metadata: {
          name: 'pay-canary',
          namespace: NS,
          annotations: {
            'nginx.ingress.kubernetes.io/canary': 'true',
            'nginx.ingress.kubernetes.io/canary-weight': '20',
          },
        },
      });
      // Five seconds of scrapes of both tracks' pods, so both rates cover the same steady window.
      await waitFor(
        async () =>
          ((await query(
            'min(count_over_time(up{app_kubernetes_io_instance=~"stable|canary"}[5s]))',
          )) ?? 0) >= 5 && ((await query(rps('stable', '5s'))) ?? 0) > 0,
        'five seconds of traffic on both tracks',
      );
      const [canary, stable] = [
        (await query(rps('canary', '5s')))!,
        (await query(rps('stable', '5s')))!,
      ];
      const share = canary / (canary + stable);
      assert.ok(share > 0.15 && share < 0.25, `canary share ${share}`);
    });
  },
);
