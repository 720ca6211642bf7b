// The pods proxy and what a pod serves through it: /metrics in the
// Prometheus text format, its app answers, and the discovery endpoint
// that lists pods as Prometheus targets. Counters survive a restart.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TSandbox } from '../index';
import { call, startTestSandbox, tempDir, waitFor } from './helpers';

const NS = 'shop';

async function setUp(sb: TSandbox, image: string): Promise<string> {
  const create = async (urlPath: string, body: unknown) => {
    const r = await call(sb, 'POST', urlPath, { body });
    assert.equal(r.status, 201, r.text);
  };
  if ((await call(sb, 'GET', `/api/v1/namespaces/${NS}`)).status === 404)
    await create('/api/v1/namespaces', { metadata: { name: NS } });
  const labels = { app: 'web' };
  await create(`/apis/apps/v1/namespaces/${NS}/deployments`, {
    metadata: { name: 'web', labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, annotations: { team: 'members' } },
        spec: {
          containers: [{ name: 'web', image, ports: [{ name: 'http', containerPort: 8080 }] }],
        },
      },
    },
  });
  await create(`/api/v1/namespaces/${NS}/services`, {
    metadata: { name: 'web' },
    spec: { selector: labels, ports: [{ port: 80, targetPort: 'http' }] },
  });
  await create(`/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses`, {
    metadata: { name: 'web' },
    spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
  });
  return waitFor(() => {
    const pod = sb.clusters[0]!.store.list('pods', NS)[0];
    return (
      (pod?.status as { phase?: string } | undefined)?.phase === 'Running' && pod?.metadata.name
    );
  }, 'a running pod');
}

const requestsOf = (text: string) =>
  [...text.matchAll(/^http_requests_total\{[^}]*\} (\d+)$/gm)].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );

describe('pod metrics through the pods proxy', () => {
  test('a pod serves /metrics and its app through the pods proxy; a missing pod is 404', async () => {
    const sb = await startTestSandbox();
    try {
      const pod = await setUp(sb, 'shop:1.0.0');
      const metrics = await call(
        sb,
        'GET',
        `/api/v1/namespaces/${NS}/pods/${pod}:8080/proxy/metrics`,
        {
          accept: 'text/plain',
        },
      );
      assert.equal(metrics.status, 200);
      assert.match(String(metrics.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      assert.match(metrics.text, /^http_requests_total\{code="200",method="GET"\} \d+$/m);
      assert.match(metrics.text, /^http_request_duration_seconds_bucket\{le="\+Inf"\} \d+$/m);
      const health = await call(sb, 'GET', `/api/v1/namespaces/${NS}/pods/${pod}/proxy/health`);
      assert.deepEqual(health.json, { status: 'ok', version: '1.0.0' });
      assert.equal(
        (await call(sb, 'GET', `/api/v1/namespaces/${NS}/pods/nope:8080/proxy/metrics`)).status,
        404,
      );
    } finally {
      await sb.stop();
    }
  });

  test('the discovery endpoint lists each container port with kubernetes_sd labels, for users who may list pods', async () => {
    const sb = await startTestSandbox();
    try {
      const pod = await setUp(sb, 'shop:1.0.0');
      const r = await call(sb, 'GET', '/sandbox/sd/pods');
      assert.equal(r.status, 200, r.text);
      const target = r.json.find((t: any) => t.labels.__meta_kubernetes_pod_name === pod);
      assert.match(target.targets[0], /^10\.244\.\d+\.\d+:8080$/);
      assert.equal(target.labels.__meta_kubernetes_namespace, NS);
      assert.equal(target.labels.__meta_kubernetes_pod_label_app, 'web');
      assert.equal(target.labels.__meta_kubernetes_pod_annotation_team, 'members');
      assert.equal(target.labels.__meta_kubernetes_pod_container_port_name, 'http');
      assert.equal(target.labels.__meta_kubernetes_pod_phase, 'Running');
      assert.equal(target.labels.__meta_kubernetes_pod_ready, 'true');
      const token = sb.addUser({ name: 'scraper' });
      const refused = await call(sb, 'GET', '/sandbox/sd/pods', { token });
      assert.equal(refused.status, 403);
      assert.match(refused.json.message, /User "scraper" cannot list resource "pods"/);
    } finally {
      await sb.stop();
    }
  });

  test('counters keep growing across a restart with a state dir', async () => {
    const state = tempDir();
    const first = await startTestSandbox(['dev'], state);
    const pod = await setUp(first, 'shop:1.0.0');
    const scrape = async (sb: TSandbox) =>
      requestsOf(
        (await call(sb, 'GET', `/api/v1/namespaces/${NS}/pods/${pod}:8080/proxy/metrics`)).text,
      );
    const before = await waitFor(async () => {
      const n = await scrape(first);
      return n > 0 && n;
    }, 'traffic counted');
    await first.stop();
    const second = await startTestSandbox(['dev'], state);
    try {
      assert.ok((await scrape(second)) >= before, 'no counter went back');
      await waitFor(async () => (await scrape(second)) > before, 'counting goes on');
    } finally {
      await second.stop();
    }
  });
});
