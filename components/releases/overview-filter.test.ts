import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TMatrixCell, TMatrixRow } from '@/lib/release-view';
import { filterOverview, NO_FILTER } from './overview-filter';

const columns = [
  { environment: 'staging', cluster: 'staging' },
  { environment: 'production', cluster: 'east' },
];

function cell(environment: string, cluster: string, health: string | null): TMatrixCell {
  if (health === null)
    return { environment, cluster, state: 'missing', release: null, error: null, dataAgeMs: 0 };
  return {
    environment,
    cluster,
    state: 'ok',
    error: null,
    dataAgeMs: 0,
    release: {
      name: 'x',
      namespace: environment,
      revision: 1,
      status: 'deployed',
      chartName: 'c',
      chartVersion: '1.0.0',
      appVersion: null,
      imageTag: null,
      images: [],
      lastDeployed: null,
      deployedBy: null,
      health: { health: health as 'healthy', ready: 1, desired: 1, restarts: 0, worstReason: null },
    },
  };
}

const row = (release: string, staging: string | null, east: string | null, drift = false) =>
  ({
    release,
    unlisted: false,
    cells: [cell('staging', 'staging', staging), cell('production', 'east', east)],
    drift: drift
      ? [
          {
            kind: 'cluster-skew',
            release,
            environment: 'staging',
            basis: 'revision',
            clusters: [],
            text: '',
          },
        ]
      : [],
  }) as TMatrixRow;

const rows = [
  row('alpha-members', 'healthy', 'healthy', true),
  row('beta-billing', 'failed', 'healthy'),
  row('gamma-search', null, 'healthy'),
];

const names = (r: TMatrixRow[]) => r.map((x) => x.release);

test('search matches part of a release name in any case', () => {
  assert.deepEqual(names(filterOverview(columns, rows, { ...NO_FILTER, search: 'BILL' }).rows), [
    'beta-billing',
  ]);
});

test('an environment filter keeps its columns and the drift that involves it', () => {
  const f = filterOverview(columns, rows, { ...NO_FILTER, environment: 'production' });
  assert.deepEqual(f.columns, [{ environment: 'production', cluster: 'east' }]);
  assert.deepEqual(
    f.rows.map((r) => r.cells.length),
    [1, 1, 1],
  );
  assert.deepEqual(f.rows[0]?.drift, [], 'staging-only drift is not production drift');
});

test('health and drift filters keep the rows that need attention', () => {
  assert.deepEqual(
    names(filterOverview(columns, rows, { ...NO_FILTER, health: 'unhealthy' }).rows),
    ['beta-billing'],
  );
  assert.deepEqual(names(filterOverview(columns, rows, { ...NO_FILTER, health: 'healthy' }).rows), [
    'alpha-members',
    'gamma-search',
  ]);
  assert.deepEqual(names(filterOverview(columns, rows, { ...NO_FILTER, drift: 'drifted' }).rows), [
    'alpha-members',
  ]);
});

test('the "outside Helmdeck" filter keeps rows with a revision no operation made', () => {
  const outside = row('delta-orders', 'healthy', 'healthy');
  outside.cells[1]!.release!.origin = { by: 'outside', claimed: 'Upgrade complete' };
  const all = [...rows, outside];
  assert.deepEqual(names(filterOverview(columns, all, { ...NO_FILTER, origin: 'outside' }).rows), [
    'delta-orders',
  ]);
  const stagingOnly = { ...NO_FILTER, origin: 'outside' as const, environment: 'staging' };
  assert.deepEqual(names(filterOverview(columns, all, stagingOnly).rows), []);
});

test('the "changed live" filter keeps rows where a shown cell’s objects differ from the chart', () => {
  const scaled = row('epsilon-mail', 'healthy', 'healthy');
  scaled.cells[1]!.release!.liveDrift = 1;
  const clean = row('zeta-auth', 'healthy', 'healthy');
  clean.cells[0]!.release!.liveDrift = 0;
  const all = [...rows, scaled, clean];
  assert.deepEqual(names(filterOverview(columns, all, { ...NO_FILTER, drift: 'live' }).rows), [
    'epsilon-mail',
  ]);
  const stagingOnly = { ...NO_FILTER, drift: 'live' as const, environment: 'staging' };
  assert.deepEqual(names(filterOverview(columns, all, stagingOnly).rows), []);
});
