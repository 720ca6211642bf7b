import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { stringify } from 'yaml';
import { ConfigError, parseConfig } from './load-config';
import { findRelease } from './lookup';
import { canaryAnalysis, strategyFor, strategyReleases, watchAnalysis } from './strategy-lookup';

const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-strategy-'));
after(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, 'charts', 'app'), { recursive: true });
for (const f of ['Chart.yaml', 'values.yaml'])
  writeFileSync(path.join(dir, 'charts', 'app', f), 'x: 1\n');
const file = path.join(dir, 'helmdeck.yaml');

function base(): Record<string, any> {
  return {
    environments: [
      {
        name: 'staging',
        clusters: [{ name: 'staging', context: 'staging' }],
        namespace: 'staging',
      },
      {
        name: 'production',
        clusters: [
          { name: 'east', context: 'east' },
          { name: 'west', context: 'west' },
        ],
        namespace: 'production',
        requireTicket: true,
        metricWatch: { period: '15m', rollback: 'automatic' },
      },
    ],
    releases: [
      {
        name: 'app',
        chart: './charts/app',
        promotion: ['staging', 'production'],
        strategies: [
          {
            type: 'blueGreen',
            environment: 'production',
            clusters: ['east'],
            router: { kind: 'ingress', name: 'app' },
          },
          { type: 'canary', environment: 'staging', ingress: 'app', failureLimit: 2 },
        ],
        flags: [{ name: 'signup', path: 'config.FEATURE_SIGNUP', description: 'Self sign-up' }],
      },
    ],
    metrics: { prometheus: { url: 'http://127.0.0.1:9090', clusterLabel: 'cluster' } },
  };
}

function problems(config: unknown): string[] {
  try {
    parseConfig(stringify(config), file);
    return [];
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.problems;
  }
}

function mutate(change: (c: Record<string, any>) => void): Record<string, any> {
  const c = base();
  change(c);
  return c;
}

describe('strategies, flags and metric analysis in helmdeck.yaml', () => {
  test('blue/green in production east only, canary in staging, defaults filled in', () => {
    const config = parseConfig(stringify(base()), file);
    const app = findRelease(config, 'app')!;
    const east = strategyFor(app, 'production', 'east');
    assert.equal(east.type, 'blueGreen');
    assert.ok(east.type === 'blueGreen');
    assert.deepEqual(east.colours, ['blue', 'green']);
    assert.equal(east.colourService, '{release}');
    assert.equal(east.retireAfter, '30m');
    assert.equal(east.retire, 'uninstall');
    assert.deepEqual(strategyReleases('app', east), ['app-blue', 'app-green']);
    assert.equal(strategyFor(app, 'production', 'west').type, 'standard');
    const staging = strategyFor(app, 'staging', 'staging');
    assert.ok(staging.type === 'canary');
    assert.deepEqual(staging.steps, [10, 25, 50, 100]);
    assert.equal(staging.failureLimit, 2);
    assert.deepEqual(strategyReleases('app', staging), ['app', 'app-canary']);
    assert.equal(app.flags[0]?.path, 'config.FEATURE_SIGNUP');
    const production = config.environments[1]!;
    assert.equal(production.flagsNeedTicket, true);
    assert.equal(production.metricWatch?.rollback, 'automatic');
  });

  test("the default analysis is the runbook's: error rate above 5 %, p99 above twice the baseline", () => {
    const config = parseConfig(stringify(base()), file);
    const analysis = canaryAnalysis(
      config,
      strategyFor(findRelease(config, 'app')!, 'staging', 'staging'),
    );
    assert.equal(analysis.window, '1m');
    const byName = Object.fromEntries(analysis.metrics.map((m) => [m.name, m]));
    assert.equal(byName['error-rate']?.max, 0.05);
    assert.equal(byName['latency-p99']?.maxBaselineRatio, 2);
    assert.match(byName['latency-p99']!.query, /histogram_quantile\(0\.99/);
    assert.equal(watchAnalysis(config, config.environments[1]!), analysis);
    assert.equal(watchAnalysis(config, config.environments[0]!), undefined);
    assert.equal(config.metrics.prometheus?.releaseLabel, 'app_kubernetes_io_instance');
  });

  test('without a metrics section there is no Prometheus and the default analysis', () => {
    const config = parseConfig(stringify(mutate((c) => delete c.metrics)), file);
    assert.equal(config.metrics.prometheus, undefined);
    assert.equal(config.metrics.analysis.metrics.length, 2);
  });

  test('bad strategy fields are each named with their rule and line', () => {
    const found = problems(
      mutate((c) => {
        const s = c.releases[0].strategies;
        s[0].colours = ['blue', 'blue'];
        s[0].router = { kind: 'gateway', name: 'app' };
        s[1].steps = [10, 50, 25];
        s[1].failureLimit = 0;
        s.push({ type: 'rolling', environment: 'staging' });
      }),
    );
    const text = found.join('\n');
    assert.match(
      text,
      /releases\[0\]\.strategies\[0\]\.colours\[1\]: the two colours must differ \(line \d+\)/,
    );
    assert.match(text, /strategies\[0\]\.router\.kind: one of ingress, service/);
    assert.match(text, /strategies\[1\]\.steps\[2\]: must be more than the step before \(50\)/);
    assert.match(text, /strategies\[1\]\.failureLimit: at least 1/);
    assert.match(text, /strategies\[2\]\.type: one of standard, blueGreen, canary/);
  });

  test('a strategy names an environment of the promotion path and its clusters, once per cluster', () => {
    const found = problems(
      mutate((c) => {
        const s = c.releases[0].strategies;
        s[0].clusters = ['east', 'mars'];
        s.push({ type: 'standard', environment: 'production' });
        s.push({ type: 'standard', environment: 'qa' });
      }),
    );
    const text = found.join('\n');
    assert.match(
      text,
      /strategies\[0\]\.clusters\[1\]: not a cluster of production \(clusters: east, west\)/,
    );
    assert.match(
      text,
      /strategies\[2\]\.environment: production\/east already has a strategy \(strategies\[0\]\)/,
    );
    assert.match(text, /strategies\[3\]\.environment: app is not promoted to "qa"/);
  });

  test("a colour release must stay within helm's name limit", () => {
    const longName = 'a'.repeat(50);
    const found = problems(
      mutate((c) => {
        c.releases[0].name = longName;
      }),
    );
    assert.ok(
      found.some((p) => p.includes(`release ${longName}-green would be longer than helm's 53`)),
    );
    assert.ok(found.some((p) => p.includes(`release ${longName}-canary would be longer`)));
  });

  test('analysis metrics need a known placeholder set and a threshold', () => {
    const found = problems(
      mutate((c) => {
        c.metrics.analysis = {
          window: '2s',
          metrics: [
            { name: 'errors', query: 'sum(x{{selector},pod="{pod}"})', max: 1 },
            { name: 'errors', query: 'up{{selector}}' },
          ],
        };
        c.metrics.prometheus.url = 'ftp://prom';
      }),
    );
    const text = found.join('\n');
    assert.match(text, /metrics\.analysis\.window: at least 5s/);
    assert.match(text, /metrics\.analysis\.metrics\[0\]\.query: unknown placeholder \{pod\}/);
    assert.match(
      text,
      /metrics\.analysis\.metrics\[1\]: needs a threshold: max, min or maxBaselineRatio/,
    );
    assert.match(text, /metrics\.analysis\.metrics\[1\]\.name: duplicate of metrics\[0\]/);
    assert.match(text, /metrics\.prometheus\.url: an http\(s\) URL/);
  });

  test('flags: a values path each, unique, and never the image', () => {
    const found = problems(
      mutate((c) => {
        c.releases[0].flags.push(
          { name: 'signup', path: 'config.OTHER' },
          { name: 'dup-path', path: 'config.FEATURE_SIGNUP' },
          { name: 'tag', path: 'image.tag' },
          { name: 'Bad', path: 'config..x' },
        );
      }),
    );
    const text = found.join('\n');
    assert.match(text, /flags\[1\]\.name: duplicate of flags\[0\]\.name/);
    assert.match(text, /flags\[2\]\.path: same value as flags\[0\]/);
    assert.match(text, /flags\[3\]\.path: the image is the build, not a flag/);
    assert.match(text, /flags\[4\]\.name: lowercase letters/);
    assert.match(text, /flags\[4\]\.path: dot-separated value keys/);
  });
});
