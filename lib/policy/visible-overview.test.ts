// The overview, its live deltas and change events as one user may see them:
// a release manager limited to staging gets staging's columns, drift and
// clusters only, with the delta's cell indexes renumbered to their columns.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TOverview, TOverviewDelta } from '@/lib/release-view/overview-model';
import type { TMatrixCell } from '@/lib/releases/matrix';
import { assertView, inScope, NO_ROLE_MESSAGE, visibleOnly } from './read-access';
import { overviewDeltaFor, overviewFor, releaseChangeFor } from './visible-overview';

const grant = (role: 'viewer' | 'release_manager', environment: string | null) => ({
  id: 1,
  role,
  environment,
});
const stagingRm = { id: 'rm', grants: [grant('release_manager', 'staging')] };
const viewer = { id: 'v', grants: [grant('viewer', null)] };
const nobody = { id: 'n', grants: [] };

const COLUMNS = [
  { environment: 'staging', cluster: 'stg' },
  { environment: 'production', cluster: 'east' },
  { environment: 'production', cluster: 'west' },
];
const cell = (environment: string, cluster: string, state: TMatrixCell['state'] = 'ok') =>
  ({ environment, cluster, state, release: null, error: null, dataAgeMs: 0 }) as TMatrixCell;
const cells = () => COLUMNS.map((c) => cell(c.environment, c.cluster));
const ahead = {
  kind: 'ahead' as const,
  release: 'shop',
  ahead: { environment: 'staging', cluster: 'stg' },
  behind: { environment: 'production', cluster: 'east' },
  basis: 'chartVersion' as const,
  by: 1,
  followsPromotion: true,
  text: 'production east is 1 version behind staging',
};
const skew = {
  kind: 'cluster-skew' as const,
  release: 'shop',
  environment: 'production',
  basis: 'revision' as const,
  clusters: [],
  text: 'production clusters differ',
};
const status = (cluster: string) => ({
  cluster,
  state: 'ok' as const,
  error: null,
  lastGoodAt: null,
  dataAgeMs: 0,
  latencyMs: 1,
});

const overview = (): TOverview => ({
  columns: COLUMNS,
  rows: [
    { release: 'shop', unlisted: false, cells: cells(), drift: [ahead, skew] },
    {
      release: 'stray',
      unlisted: true,
      cells: [cell('staging', 'stg', 'missing'), ...cells().slice(1)],
      drift: [],
    },
  ],
  generatedAt: 'now',
  clusters: [status('stg'), status('east'), status('west')],
  version: 7,
});

describe('the overview for one user', () => {
  test('a global viewer gets the overview as it is', () => {
    const o = overview();
    assert.equal(overviewFor(viewer, o), o);
  });

  test('a release manager of staging gets staging only', () => {
    const o = overviewFor(stagingRm, overview());
    assert.deepEqual(o.columns, [{ environment: 'staging', cluster: 'stg' }]);
    assert.deepEqual(
      o.rows.map((r) => r.release),
      ['shop'],
      'a release found outside helmdeck.yaml only in production is not theirs',
    );
    assert.equal(o.rows[0]?.cells.length, 1);
    assert.deepEqual(o.rows[0]?.drift, [], 'drift against production is not shown');
    assert.deepEqual(
      o.clusters.map((c) => c.cluster),
      ['stg'],
    );
    assert.doesNotMatch(JSON.stringify(o), /production|east|west/);
  });

  test('deltas are renumbered to the columns the user sees, and keep the version chain', () => {
    const delta: TOverviewDelta = {
      base: 7,
      version: 8,
      changed: [
        {
          release: 'shop',
          cells: [
            { index: 0, cell: cell('staging', 'stg') },
            { index: 2, cell: cell('production', 'west') },
          ],
          drift: [ahead],
        },
        { release: 'other', cells: [{ index: 1, cell: cell('production', 'east') }] },
      ],
      added: [{ release: 'new', unlisted: true, cells: cells(), drift: [] }],
      removed: [],
      clusters: [status('stg'), status('east')],
      generatedAt: 'now',
    };
    const cut = overviewDeltaFor(stagingRm, COLUMNS, delta);
    assert.equal(cut.base, 7);
    assert.equal(cut.version, 8);
    assert.deepEqual(
      cut.changed.map((c) => [c.release, c.cells.map((x) => x.index), c.drift]),
      [['shop', [0], []]],
    );
    assert.equal(cut.added[0]?.cells.length, 1);
    assert.deepEqual(
      cut.clusters.map((c) => c.cluster),
      ['stg'],
    );
    assert.doesNotMatch(JSON.stringify(cut), /production|east|west/);
    assert.equal(overviewDeltaFor(viewer, COLUMNS, delta), delta);
  });

  test('a column a cluster refuses is cut for a viewer of everything, with drift and deltas', () => {
    const hidden = new Set(['production/west']);
    const o = overviewFor(viewer, overview(), hidden);
    assert.deepEqual(
      o.columns.map((c) => c.cluster),
      ['stg', 'east'],
    );
    assert.deepEqual(
      o.rows.map((r) => [r.release, r.cells.length]),
      [
        ['shop', 2],
        ['stray', 2],
      ],
    );
    assert.deepEqual(
      o.clusters.map((c) => c.cluster),
      ['stg', 'east'],
    );
    assert.doesNotMatch(JSON.stringify(o), /west/);
    const delta: TOverviewDelta = {
      base: 7,
      version: 8,
      changed: [{ release: 'shop', cells: [{ index: 2, cell: cell('production', 'west') }] }],
      added: [],
      removed: [],
      clusters: [status('west')],
      generatedAt: 'now',
    };
    const cut = overviewDeltaFor(viewer, COLUMNS, delta, hidden);
    assert.deepEqual(cut.changed, []);
    assert.deepEqual(cut.clusters, []);
    assert.equal(cut.version, 8, 'the version chain holds');
  });

  test('cluster skew across a refused cluster is not shown', () => {
    const skewed = {
      ...skew,
      clusters: [
        { cluster: 'east', revision: 3, version: '1.2.0' },
        { cluster: 'west', revision: 2, version: '1.1.0' },
      ],
    };
    const o = overview();
    o.rows[0]!.drift = [skewed];
    assert.deepEqual(overviewFor(viewer, o, new Set(['production/west'])).rows[0]?.drift, []);
    assert.deepEqual(overviewFor(viewer, o, new Set(['staging/stg'])).rows[0]?.drift, [skewed]);
  });

  test('change events leave out a refused cluster, and a namespace with no seen cluster', () => {
    const envs = [
      { name: 'staging', namespace: 'staging', clusters: [{ name: 'east' }] },
      { name: 'production', namespace: 'production', clusters: [{ name: 'east' }] },
    ];
    const hidden = new Set(['production/east']);
    const change = (releases: string[]) => ({ clusters: ['east'], releases, at: 'now' });
    assert.equal(releaseChangeFor(viewer, envs, change(['production/shop']), hidden), null);
    assert.deepEqual(
      releaseChangeFor(viewer, envs, change(['staging/shop', 'production/shop']), hidden)?.releases,
      ['staging/shop'],
    );
  });

  test('change events name only the user’s clusters and namespaces', () => {
    const envs = [
      { name: 'staging', namespace: 'staging', clusters: [{ name: 'shared' }] },
      { name: 'production', namespace: 'production', clusters: [{ name: 'shared' }] },
    ];
    const change = (releases: string[]) => ({ clusters: ['shared'], releases, at: 'now' });
    assert.deepEqual(releaseChangeFor(stagingRm, envs, change(['production/shop'])), null);
    assert.deepEqual(
      releaseChangeFor(stagingRm, envs, change(['staging/shop', 'production/shop']))?.releases,
      ['staging/shop'],
    );
    assert.deepEqual(releaseChangeFor(stagingRm, envs, change([]))?.clusters, ['shared']);
    assert.equal(
      releaseChangeFor(stagingRm, envs, { clusters: ['other'], releases: [], at: 'now' }),
      null,
    );
  });
});

describe('read checks', () => {
  test('no role: refused with the reason, lists empty', () => {
    assert.throws(() => assertView(nobody, 'staging'), {
      code: 'forbidden',
      message: NO_ROLE_MESSAGE,
    });
    assert.deepEqual(
      visibleOnly(nobody, [{ e: 'staging' }], (x) => x.e),
      [],
    );
  });

  test('a limited role: its environment only, records without one are not theirs', () => {
    assert.doesNotThrow(() => assertView(stagingRm, 'staging'));
    assert.throws(() => assertView(stagingRm, 'staging', 'production'), {
      code: 'forbidden',
      message: /production/,
    });
    assert.deepEqual(
      visibleOnly(stagingRm, [{ e: 'staging' }, { e: 'production' }, { e: null }], (x) => x.e),
      [{ e: 'staging' }],
    );
    assert.equal(inScope('all', null), true);
  });
});
