// The shipped alert rules, checked by Prometheus' own promtool: the file is
// valid, each rule fires on its failure and stays quiet otherwise
// (helmdeck-rules.test.yaml), and the rules only name metrics Helmdeck
// exports and namespaces the example configuration has.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadConfig } from '@/lib/config';
import { metrics } from '@/lib/metrics/registry';

const dir = import.meta.dirname;
const RULES = path.join(dir, 'helmdeck-rules.yaml');
const PROMTOOL = '/usr/bin/promtool';

function promtool(...args: string[]): { status: number | null; output: string } {
  assert.ok(
    existsSync(PROMTOOL),
    'promtool is not installed: apt-get install -y prometheus (.ci/run does it)',
  );
  const r = spawnSync(PROMTOOL, args, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

type TRule = { alert: string; expr: string };
const rules = (
  parse(readFileSync(RULES, 'utf8')) as { groups: { rules: TRule[] }[] }
).groups.flatMap((g) => g.rules);

test('promtool accepts the shipped alert rules', () => {
  const r = promtool('check', 'rules', RULES);
  assert.equal(r.status, 0, r.output);
  assert.match(r.output, new RegExp(`SUCCESS: ${rules.length} rules found`));
});

test("each alert rule fires on its failure and not on the healthy case (promtool's rule unit tests)", () => {
  const r = promtool('test', 'rules', 'helmdeck-rules.test.yaml');
  assert.equal(r.status, 0, r.output);
  const tested = readFileSync(path.join(dir, 'helmdeck-rules.test.yaml'), 'utf8');
  for (const { alert } of rules)
    assert.match(tested, new RegExp(`alertname: ${alert}\\b`), `${alert} has no test`);
});

test('the runbook alerts and Helmdeck’s own are all there', () => {
  assert.deepEqual(rules.map((r) => r.alert).sort(), [
    'HelmReleaseDeploymentFailed',
    'HelmReleasePodCrashLooping',
    'HelmdeckAutomaticRollback',
    'HelmdeckClusterUnreachable',
    'HelmdeckOperationFailed',
    'HelmdeckQueueNotMoving',
  ]);
});

test('Helmdeck rules only use metrics Helmdeck exports', async () => {
  const exported = new Set((await metrics().registry.getMetricsAsJSON()).map((m) => m.name));
  const used = new Set(rules.flatMap((r) => r.expr.match(/\bhelmdeck_[a-z_]+/g) ?? []));
  assert.ok(used.size >= 4, 'the Helmdeck rules name Helmdeck metrics');
  for (const name of used) assert.ok(exported.has(name), `${name} is not a Helmdeck metric`);
});

test("the release rules watch the example environments' namespaces", () => {
  const config = loadConfig(path.resolve(dir, '..', '..', 'examples', 'helmdeck.yaml'));
  const namespaces = config.environments.map((e) => e.namespace).sort();
  for (const rule of rules.filter((r) => r.alert.startsWith('HelmRelease'))) {
    const matcher = /namespace=~"([^"]+)"/.exec(rule.expr)?.[1];
    assert.ok(matcher, `${rule.alert} selects namespaces`);
    assert.deepEqual(matcher.split('|').sort(), namespaces, rule.alert);
  }
});

test('promtool refuses a rule file with an error, so the check above can fail', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-rules-'));
  try {
    const broken = path.join(tmp, 'broken.yaml');
    writeFileSync(
      broken,
      'groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: rate(x[5m]\n',
    );
    const r = promtool('check', 'rules', broken);
    assert.notEqual(r.status, 0, r.output);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
