import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { matchesChartPattern } from './chart-allow';
import { getConfig, loadConfig, resetConfigCache } from './load-config';
import {
  findCluster,
  findEnvironment,
  findRelease,
  chartRefusalIn,
  resolveValuesFiles,
} from './lookup';
import { parseDuration } from './primitives';

// getConfig reads HELMDECK_CONFIG through lib/env, which parses process.env on first use.
process.env.HELMDECK_CONFIG = 'examples/helmdeck.yaml';
const config = loadConfig(path.resolve('examples/helmdeck.yaml'));
const chartDir = path.resolve('examples/charts/alpha-members');

describe('configuration lookups', () => {
  test('production east gets the prod values then its own cluster file; staging has no cluster file', () => {
    // A repository chart carries its own values.yaml: only the environment's layers are added.
    const release = findRelease(config, 'alpha-members')!;
    const prod = findEnvironment(config, 'production')!;
    assert.deepEqual(resolveValuesFiles(config, release, prod, 'east'), [
      path.join(chartDir, 'values-prod.yaml'),
      path.join(chartDir, 'values-east.yaml'),
    ]);
    const staging = findEnvironment(config, 'staging')!;
    assert.deepEqual(resolveValuesFiles(config, release, staging, 'staging'), [
      path.join(chartDir, 'values-staging.yaml'),
    ]);
    assert.equal(findCluster(prod, 'eu')?.context, 'eu');
    assert.equal(findCluster(prod, 'mars'), undefined);
  });

  test('only allow-listed chart references may be used', () => {
    assert.equal(chartRefusalIn(config, 'demo/alpha-members'), null);
    assert.equal(chartRefusalIn(config, './charts/alpha-members'), null);
    assert.match(chartRefusalIn(config, 'oci://evil.example.com/charts/miner') ?? '', /allowed/);
    assert.match(
      chartRefusalIn({ ...config, allowedCharts: undefined }, './charts/other') ?? '',
      /configured/,
    );
    assert.equal(
      chartRefusalIn({ ...config, allowedCharts: undefined }, 'demo/beta-payments'),
      null,
    );
    assert.equal(
      matchesChartPattern(
        ['oci://registry.example.com/team/*'],
        'oci://registry.example.com/team/x',
      ),
      true,
    );
    assert.equal(
      matchesChartPattern(
        ['oci://registry.example.com/team/*'],
        'oci://registry.example.com.evil/x',
      ),
      false,
    );
  });

  test('durations are read the way helm reads --timeout', () => {
    assert.equal(parseDuration('5m'), 300_000);
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(parseDuration('90s'), 90_000);
    assert.equal(parseDuration('5'), undefined);
    assert.equal(parseDuration(''), undefined);
  });

  test('getConfig loads HELMDECK_CONFIG once and reuses it until reset', () => {
    const first = getConfig();
    assert.equal(first.source.path, path.resolve('examples/helmdeck.yaml'));
    assert.equal(getConfig(), first);
    resetConfigCache();
    assert.notEqual(getConfig(), first);
  });
});
