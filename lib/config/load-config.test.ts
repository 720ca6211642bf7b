import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { stringify } from 'yaml';
import { ConfigError, loadConfig, parseConfig } from './load-config';

const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, 'charts', 'app'), { recursive: true });
for (const f of [
  'Chart.yaml',
  'values.yaml',
  'values-dev.yaml',
  'values-prod.yaml',
  'values-east.yaml',
]) {
  writeFileSync(path.join(dir, 'charts', 'app', f), 'x: 1\n');
}
const file = path.join(dir, 'helmdeck.yaml');

function base(): Record<string, any> {
  return {
    environments: [
      {
        name: 'development',
        clusters: [{ name: 'dev', context: 'dev' }],
        namespace: 'development',
        valuesFiles: ['values.yaml', 'values-dev.yaml'],
      },
      {
        name: 'production',
        clusters: [
          { name: 'east', context: 'east' },
          { name: 'west', context: 'west' },
        ],
        namespace: 'production',
        valuesFiles: ['values.yaml', 'values-prod.yaml'],
        requireTicket: true,
        approvals: 2,
      },
    ],
    releases: [{ name: 'app', chart: './charts/app', promotion: ['development', 'production'] }],
  };
}

/** The problem lines a config produces (without line numbers), or [] when it is valid. */
function problems(config: unknown): string[] {
  try {
    parseConfig(typeof config === 'string' ? config : stringify(config), file);
    return [];
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.problems.map((p) => p.replace(/ \(line \d+\)$/, ''));
  }
}

function mutate(change: (c: Record<string, any>) => void): Record<string, any> {
  const c = base();
  change(c);
  return c;
}

describe('helmdeck.yaml loading', () => {
  test('a valid file loads with defaults filled in and local charts resolved', () => {
    const config = parseConfig(stringify(base()), file);
    const prod = config.environments[1]!;
    assert.equal(prod.approvals, 2);
    assert.equal(prod.approvalTtlHours, 72);
    assert.equal(prod.timeout, '5m');
    assert.equal(config.environments[0]!.requireTicket, false);
    assert.equal(config.environments[0]!.approvals, 0);
    assert.deepEqual(config.releases[0]!.chartRef, {
      kind: 'local',
      ref: './charts/app',
      path: path.join(dir, 'charts', 'app'),
    });
    assert.equal(config.source.dir, dir);
  });

  test('a missing required field is named with its full path', () => {
    const p = problems(mutate((c) => delete c.environments[1].clusters[0].context));
    assert.deepEqual(p, ['environments[1].clusters[0].context: required']);
  });

  test('every bad field is reported at once, with its YAML line', () => {
    const c = mutate((c) => {
      c.environments[0].namespace = 'Not_A_Namespace';
      c.environments[1].approvals = 'two';
      c.releases[0].name = '-app';
    });
    try {
      parseConfig(stringify(c), file);
      assert.fail('expected ConfigError');
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.problems.length, 3, e.message);
      assert.match(e.message, /environments\[0\]\.namespace: lowercase .* \(line \d+\)/);
      assert.match(e.message, /environments\[1\]\.approvals: must be a number/);
      assert.match(e.message, /releases\[0\]\.name: lowercase/);
    }
  });

  test('YAML syntax errors carry line and column', () => {
    const p = problems('environments:\n  - name: dev\n   clusters: [\n');
    assert.ok(p.length > 0);
    assert.match(p[0]!, /^line \d+, column \d+: /);
  });

  test('an empty file and a missing file are explained', () => {
    assert.match(problems('')[0]!, /empty/);
    assert.throws(
      () => loadConfig(path.join(dir, 'missing.yaml')),
      /file not found; set HELMDECK_CONFIG/,
    );
  });

  test('unknown fields are refused so typos do not silently do nothing', () => {
    assert.deepEqual(problems(mutate((c) => (c.environments[1].aprovals = 3))), [
      'environments[1].aprovals: unknown field',
    ]);
  });

  test('release names follow helm rules: no leading dash, lowercase, at most 53 characters', () => {
    for (const bad of ['-rf', 'App', 'a_b', 'a-', 'a'.repeat(54), '']) {
      const p = problems(mutate((c) => (c.releases[0].name = bad)));
      assert.equal(p.length, 1, `${bad}: ${p}`);
      assert.match(p[0]!, /^releases\[0\]\.name: /);
    }
    assert.deepEqual(problems(mutate((c) => (c.releases[0].name = 'a'.repeat(53)))), []);
  });

  test('environment names, release names and cluster names within an environment are unique', () => {
    const p = problems(
      mutate((c) => {
        c.environments.push({ ...c.environments[0], namespace: 'other' });
        c.releases.push({ ...c.releases[0] });
        c.environments[1].clusters.push({ name: 'east', context: 'east-2' });
      }),
    );
    assert.deepEqual(p.sort(), [
      'environments[1].clusters[2].name: duplicate cluster name in this environment (clusters[0])',
      'environments[2].name: duplicate of environments[0].name',
      'releases[1].name: duplicate of releases[0].name',
    ]);
  });

  test('the same cluster name may appear in two environments', () => {
    assert.deepEqual(problems(mutate((c) => (c.environments[0].clusters[0].name = 'east'))), []);
  });

  test('promotion must name existing environments, each once', () => {
    const p = problems(
      mutate((c) => (c.releases[0].promotion = ['development', 'prod', 'development'])),
    );
    assert.deepEqual(p, [
      'releases[0].promotion[1]: unknown environment "prod" (known: development, production)',
      'releases[0].promotion[2]: listed twice (promotion[0])',
    ]);
  });

  test('approvals need a ticket; approvals and TTL stay in range', () => {
    assert.deepEqual(problems(mutate((c) => (c.environments[1].requireTicket = false))), [
      'environments[1].approvals: approvals need requireTicket: true',
    ]);
    assert.deepEqual(problems(mutate((c) => (c.environments[1].approvals = -1))), [
      'environments[1].approvals: at least 0',
    ]);
    assert.deepEqual(problems(mutate((c) => (c.environments[1].approvalTtlHours = 0))), [
      'environments[1].approvalTtlHours: more than 0',
    ]);
  });

  test('the upgrade timeout is a duration', () => {
    assert.deepEqual(problems(mutate((c) => (c.environments[1].timeout = '1h30m'))), []);
    assert.deepEqual(problems(mutate((c) => (c.environments[1].timeout = '5 minutes'))), [
      'environments[1].timeout: a duration such as 90s, 5m or 1h30m',
    ]);
    assert.deepEqual(problems(mutate((c) => (c.environments[1].timeout = '0s'))), [
      'environments[1].timeout: at least 1s',
    ]);
  });

  test('autoRollback thresholds are positive and its keys known', () => {
    const ok = mutate(
      (c) =>
        (c.environments[1].autoRollback = {
          crashLoopRestarts: 3,
          unreadySeconds: 30,
          oomKilled: true,
        }),
    );
    assert.deepEqual(problems(ok), []);
    assert.equal(
      parseConfig(stringify(ok), file).environments[1]!.autoRollback?.imagePullFailure,
      false,
    );
    const p = problems(
      mutate((c) => (c.environments[1].autoRollback = { crashLoopRestarts: 0, oom: true })),
    );
    assert.deepEqual(p, [
      'environments[1].autoRollback.crashLoopRestarts: at least 1',
      'environments[1].autoRollback.oom: unknown field',
    ]);
  });

  test('local charts must exist and hold a Chart.yaml; version is only for remote charts', () => {
    assert.match(
      problems(mutate((c) => (c.releases[0].chart = './charts/missing')))[0]!,
      /^releases\[0\]\.chart: chart directory not found/,
    );
    mkdirSync(path.join(dir, 'charts', 'empty'), { recursive: true });
    const p = problems(
      mutate(
        (c) => (c.releases[0] = { ...c.releases[0], chart: './charts/empty', version: '1.0.0' }),
      ),
    );
    assert.ok(
      p.some((l) => /^releases\[0\]\.chart: no Chart.yaml/.test(l)),
      p.join('\n'),
    );
    assert.ok(
      p.includes(
        'releases[0].version: only for repo or oci charts (a local chart has its Chart.yaml version)',
      ),
    );
  });

  test('repo and oci charts need a version; repo charts a listed repository', () => {
    const repo = mutate((c) => {
      c.environments[1].valuesFiles = ['values.yaml'];
      c.environments[0].valuesFiles = [];
      c.releases[0].chart = 'bitnami/nginx';
    });
    assert.deepEqual(problems(repo).sort(), [
      'releases[0].chart: repository "bitnami" is not listed under repositories',
      'releases[0].version: required for repo charts',
    ]);
    repo.repositories = [{ name: 'bitnami', url: 'https://charts.bitnami.com/bitnami' }];
    repo.releases[0].version = '18.1.0';
    const config = parseConfig(stringify(repo), file);
    assert.deepEqual(config.releases[0]!.chartRef, {
      kind: 'repo',
      ref: 'bitnami/nginx',
      repository: 'bitnami',
      name: 'nginx',
      version: '18.1.0',
    });
    repo.releases[0].chart = 'oci://registry.example.com/charts/nginx';
    assert.equal(parseConfig(stringify(repo), file).releases[0]!.chartRef.kind, 'oci');
    repo.releases[0].chart = 'charts/nginx/extra';
    assert.match(problems(repo)[0]!, /^releases\[0\]\.chart: a local path/);
  });

  test('charts outside allowedCharts are refused', () => {
    assert.deepEqual(problems(mutate((c) => (c.allowedCharts = ['./charts/*']))), []);
    assert.deepEqual(
      problems(mutate((c) => (c.allowedCharts = ['oci://registry.example.com/*']))),
      ['releases[0].chart: not in allowedCharts'],
    );
  });

  test('values files must exist in the chart for every environment the release is promoted to', () => {
    const p = problems(mutate((c) => c.environments[1].valuesFiles.push('values-typo.yaml')));
    assert.equal(p.length, 1);
    assert.match(p[0]!, /^environments\[1\]\.valuesFiles\[2\]: not found for release app/);
  });

  test('webhooks need an http(s) URL, a known format and known events', () => {
    const p = problems(
      mutate(
        (c) =>
          (c.webhooks = [{ url: 'ftp://x', format: 'teams', events: ['deploy'], secret: 'short' }]),
      ),
    );
    assert.deepEqual(p.sort(), [
      'webhooks[0].events[0]: one of operation.queued, operation.started, operation.succeeded, operation.failed, operation.rolled_back, rollback.automatic, ticket.requested, ticket.approved, ticket.rejected, ticket.expired, release.changed_outside',
      'webhooks[0].format: one of generic, slack',
      'webhooks[0].secret: at least 16 characters',
      'webhooks[0].url: an http(s) URL',
    ]);
    const ok = parseConfig(
      stringify(mutate((c) => (c.webhooks = [{ url: 'https://hooks.example.com/x' }]))),
      file,
    );
    assert.equal(ok.webhooks[0]!.format, 'generic');
    assert.equal(ok.webhooks[0]!.events.length, 11);
  });

  test('the example configuration shipped with Helmdeck is valid', () => {
    const config = loadConfig(path.resolve('examples/helmdeck.yaml'));
    const prod = config.environments.find((e) => e.name === 'production')!;
    assert.deepEqual(
      prod.clusters.map((c) => c.context),
      ['east', 'west', 'eu'],
    );
    assert.equal(prod.requireTicket, true);
    assert.equal(prod.approvals, 2);
    assert.ok(prod.freezeWindows.length > 0);
    assert.ok(config.releases.some((r) => r.name === 'alpha-members'));
  });
});
