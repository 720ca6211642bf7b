import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../config';
import { buildMatrix, type TClusterSnapshot, type TMatrixConfig } from './matrix';
import type { TReleaseSummary } from './summary';

const config: TMatrixConfig = {
  environments: [
    { name: 'development', namespace: 'development', clusters: ['dev'] },
    { name: 'staging', namespace: 'staging', clusters: ['staging'] },
    { name: 'production', namespace: 'production', clusters: ['east', 'west', 'eu'] },
  ],
  releases: [{ name: 'alpha-members', promotion: ['development', 'staging', 'production'] }],
};

function summary(
  ns: string,
  revision: number,
  chartVersion: string,
  extra: Partial<TReleaseSummary> = {},
): TReleaseSummary {
  return {
    name: 'alpha-members',
    namespace: ns,
    revision,
    status: 'deployed',
    chartName: 'alpha-members',
    chartVersion,
    appVersion: '2.0.0',
    imageTag: '2.0.0',
    images: [],
    lastDeployed: '2025-03-01T10:00:00Z',
    deployedBy: null,
    health: null,
    ...extra,
  };
}

const now = new Date('2025-03-01T12:00:00Z');
const fresh = (cluster: string, releases: TReleaseSummary[]): TClusterSnapshot => ({
  cluster,
  releases,
  lastGoodAt: now,
  error: null,
});

function snapshots(): TClusterSnapshot[] {
  return [
    fresh('dev', [summary('development', 9, '1.3.0')]),
    fresh('staging', [
      summary('staging', 7, '1.3.0'),
      summary('staging', 1, '0.1.0', { name: 'side-tool' }),
    ]),
    fresh('east', [summary('production', 5, '1.2.0')]),
    fresh('west', [summary('production', 4, '1.3.0')]),
    {
      cluster: 'eu',
      releases: [summary('production', 3, '1.1.0')],
      lastGoodAt: new Date('2025-03-01T11:58:00Z'),
      error: 'connect ECONNREFUSED 127.0.0.1:6443',
    },
  ];
}

test('stakeholder sees production east one version behind staging, and production clusters apart', () => {
  const m = buildMatrix(config, snapshots(), { now });
  assert.deepEqual(
    m.columns.map((c) => `${c.environment}/${c.cluster}`),
    ['development/dev', 'staging/staging', 'production/east', 'production/west', 'production/eu'],
  );
  const row = m.rows[0];
  assert.equal(row?.release, 'alpha-members');
  assert.deepEqual(
    row?.cells.map((c) => [c.state, c.release?.revision ?? null]),
    [
      ['ok', 9],
      ['ok', 7],
      ['ok', 5],
      ['ok', 4],
      ['error', 3],
    ],
  );
  const texts = row?.drift.map((d) => d.text);
  assert.deepEqual(texts, [
    'staging ahead of production (east) by 1 version',
    'production clusters differ: east 1.2.0, west 1.3.0',
  ]);
  const ahead = row?.drift[0];
  assert.ok(ahead?.kind === 'ahead' && ahead.followsPromotion && ahead.basis === 'chartVersion');
});

test('an unreachable cluster shows its error and the age of its last good data; other cells are unaffected', () => {
  const m = buildMatrix(config, snapshots(), { now });
  const eu = m.rows[0]?.cells[4];
  assert.equal(eu?.state, 'error');
  assert.equal(eu?.error, 'connect ECONNREFUSED 127.0.0.1:6443');
  assert.equal(eu?.dataAgeMs, 2 * 60 * 1000);
  assert.equal(eu?.release?.chartVersion, '1.1.0', 'last known data is still shown');
  // eu's stale 1.1.0 would be "behind" staging; it is not counted as drift.
  assert.ok(!m.rows[0]?.drift.some((d) => JSON.stringify(d).includes('"eu"')));

  const never = buildMatrix(
    config,
    snapshots().filter((s) => s.cluster !== 'dev'),
    { now },
  );
  const dev = never.rows[0]?.cells[0];
  assert.deepEqual([dev?.state, dev?.dataAgeMs, dev?.release], ['error', null, null]);
});

test('releases found in an environment but not configured appear as unlisted; missing cells say so', () => {
  const m = buildMatrix(config, snapshots(), { now });
  const side = m.rows.find((r) => r.release === 'side-tool');
  assert.equal(side?.unlisted, true);
  assert.deepEqual(
    side?.cells.map((c) => c.state),
    ['missing', 'ok', 'missing', 'missing', 'error'],
  );
  assert.equal(buildMatrix(config, snapshots(), { now, includeUnlisted: false }).rows.length, 1);
});

test('versions in between are counted from history; revisions are the fallback; hotfixes are flagged', () => {
  const history = ['1.0.0', '1.1.0', '1.2.0', '1.3.0'].map((v, i) => ({
    revision: i + 1,
    status: 'superseded',
    chartVersion: v,
    appVersion: null,
    imageTag: null,
  }));
  const twoEnv: TMatrixConfig = {
    environments: config.environments
      .slice(1, 3)
      .map((e) => ({ ...e, clusters: e.clusters.slice(0, 1) })),
    releases: [{ name: 'alpha-members' }],
  };
  const m = buildMatrix(
    twoEnv,
    [
      fresh('staging', [summary('staging', 4, '1.3.0', { history })]),
      fresh('east', [summary('production', 2, '1.1.0')]),
    ],
    { now },
  );
  assert.equal(m.rows[0]?.drift[0]?.text, 'staging ahead of production by 2 versions');

  const noVersions = { chartVersion: null, appVersion: null, imageTag: null };
  const byRevision = buildMatrix(
    twoEnv,
    [
      fresh('staging', [summary('staging', 4, '', noVersions)]),
      fresh('east', [summary('production', 7, '', noVersions)]),
    ],
    { now },
  );
  const d = byRevision.rows[0]?.drift[0];
  assert.equal(d?.text, 'production ahead of staging by 3 revisions');
  assert.ok(d?.kind === 'ahead' && !d.followsPromotion);

  const shas = buildMatrix(
    twoEnv,
    [
      fresh('staging', [summary('staging', 4, '1.0.0', { imageTag: 'a1b2c3d' })]),
      fresh('east', [summary('production', 2, '1.0.0', { imageTag: 'e4f5a6b' })]),
    ],
    { now },
  );
  assert.equal(shas.rows[0]?.drift[0]?.kind, 'differs');
});

test('the example helmdeck.yaml feeds the matrix as it is', () => {
  const fromYaml: TMatrixConfig = loadConfig(
    new URL('../../examples/helmdeck.yaml', import.meta.url).pathname,
  );
  const m = buildMatrix(fromYaml, snapshots(), { now });
  assert.ok(m.columns.some((c) => c.environment === 'production' && c.cluster === 'east'));
  assert.ok(m.rows.some((r) => r.release === 'alpha-members' && !r.unlisted));
});
