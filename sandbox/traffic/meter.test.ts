import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, test } from 'node:test';
import { deployment, testCluster, type TestCluster } from '../controllers/test-cluster';
import { RequestMeter } from './meter';

let c: TestCluster;
let meter: RequestMeter | undefined;
afterEach(() => {
  meter?.stop();
  meter = undefined;
  c.stop();
});

/** One Deployment behind a Service and an Ingress; the meter runs on the test clock. */
function app(image: string, file?: string): RequestMeter {
  c = testCluster();
  c.store.create('deployments.apps', deployment('web', image));
  c.store.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'demo' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
  });
  c.store.create('ingresses.networking.k8s.io', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'demo' },
    spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
  });
  meter = new RequestMeter(c.store, { requestsPerHost: 10, now: c.now, file });
  meter.start();
  c.step();
  meter.advance();
  return meter;
}

/** Sums of the pods' series: requests by code, histogram buckets by le. */
function scrape(m: RequestMeter): {
  codes: Record<string, number>;
  buckets: Record<string, number>;
  sum: number;
} {
  const codes: Record<string, number> = {};
  const buckets: Record<string, number> = {};
  let sum = 0;
  for (const pod of c.store.list('pods', 'demo')) {
    for (const line of m.exposition('demo', pod.metadata.name)!.split('\n')) {
      const req = /^http_requests_total\{code="(\d+)",method="\w+"\} (\d+)$/.exec(line);
      if (req) codes[req[1]!] = (codes[req[1]!] ?? 0) + Number(req[2]);
      const bucket = /^http_request_duration_seconds_bucket\{le="([^"]+)"\} (\d+)$/.exec(line);
      if (bucket) buckets[bucket[1]!] = (buckets[bucket[1]!] ?? 0) + Number(bucket[2]);
      const s = /^http_request_duration_seconds_sum (\S+)$/.exec(line);
      if (s) sum += Number(s[1]);
    }
  }
  return { codes, buckets, sum };
}

/** The le at or above which `q` of the requests fall (a coarse quantile). */
function bucketOf(buckets: Record<string, number>, q: number): string {
  const total = buckets['+Inf']!;
  // Sorted by bound: integer-like keys ("1", "5") would otherwise come first.
  const bound = (le: string) => (le === '+Inf' ? Infinity : Number(le));
  const bounds = Object.keys(buckets).sort((a, b) => bound(a) - bound(b));
  return bounds.find((le) => buckets[le]! >= q * total)!;
}

test('a healthy build answers everything; its pods serve the exposition format', () => {
  const m = app('shop:1.0.0');
  c.step(100_000);
  const { codes, buckets } = scrape(m);
  assert.equal(codes['200'], 1000);
  assert.equal(codes['500'], 0);
  assert.equal(buckets['+Inf'], 1000);
  assert.equal(bucketOf(buckets, 0.5), '0.05');
  const text = m.exposition('demo', c.store.list('pods', 'demo')[0]!.metadata.name)!;
  assert.match(text, /^# TYPE http_requests_total counter$/m);
  assert.match(text, /^# TYPE http_request_duration_seconds histogram$/m);
  assert.match(text, /^http_request_duration_seconds_count 500$/m);
});

/** 100 s of traffic to one build, scraped, and the cluster stopped again. */
function measure(image: string): ReturnType<typeof scrape> {
  const m = app(image);
  c.step(100_000);
  const result = scrape(m);
  m.stop();
  meter = undefined;
  c.stop();
  return result;
}

test('an errors build answers about 8 % 5xx, a slowapi build about 3x slower', () => {
  const errors = measure('shop:1.1.0-errors');
  assert.equal(errors.codes['500']! / (errors.codes['500']! + errors.codes['200']!), 0.08);
  const healthy = measure('shop:1.0.0');
  const slow = measure('shop:1.1.0-slowapi');
  assert.equal(slow.codes['500'], 0);
  const ratio = slow.sum / healthy.sum;
  assert.ok(Math.abs(ratio - 3) < 0.01, `mean latency ratio ${ratio}`);
  assert.equal(bucketOf(healthy.buckets, 0.99), '0.25');
  assert.equal(bucketOf(slow.buckets, 0.99), '1');
  c = testCluster();
});

test('every series only grows, the codes add up, and requests through the proxy count', () => {
  const m = app('shop:2.0.0-errors');
  const pod = c.store.list('pods', 'demo')[0]!;
  let last = new Map<string, number>();
  for (let i = 0; i < 40; i++) {
    c.step(137);
    if (i % 3 === 0) m.recordProxied(pod, 200, 'GET');
    const series = new Map(
      m
        .exposition('demo', pod.metadata.name)!
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => [l.split(' ')[0]!, Number(l.split(' ')[1])] as const),
    );
    for (const [name, value] of series)
      assert.ok(value >= (last.get(name) ?? 0), `${name} went from ${last.get(name)} to ${value}`);
    const requests = [...series].filter(([n]) => n.startsWith('http_requests_total'));
    assert.equal(
      requests.reduce((sum, [, v]) => sum + v, 0),
      series.get('http_request_duration_seconds_count'),
    );
    last = series;
  }
  assert.equal(
    last.get('http_request_duration_seconds_count'),
    Math.floor((5 * 137 * 40) / 1000) + 14,
  );
});

test('with a file, counters carry over a restart of the meter', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'meter-')), 'dev.requests.json');
  const m = app('shop:1.0.0', file);
  c.step(10_000);
  const before = scrape(m).codes['200']!;
  m.stop();
  meter = new RequestMeter(c.store, { requestsPerHost: 10, now: c.now, file });
  meter.start();
  assert.equal(scrape(meter).codes['200'], before);
  c.step(10_000);
  meter.advance();
  assert.equal(scrape(meter).codes['200'], before + 100);
});
