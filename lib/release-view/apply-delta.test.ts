import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TMatrixCell, TOverview, TOverviewDelta } from '@/lib/release-view';
import { applyDelta, changeTouches } from './apply-delta';

const cell = (cluster: string, state: TMatrixCell['state'], dataAgeMs = 0): TMatrixCell => ({
  environment: 'production',
  cluster,
  state,
  release: null,
  error: state === 'error' ? 'cluster unreachable' : null,
  dataAgeMs,
});

const held: TOverview = {
  columns: [
    { environment: 'production', cluster: 'east' },
    { environment: 'production', cluster: 'west' },
  ],
  rows: [
    { release: 'a', unlisted: false, cells: [cell('east', 'ok'), cell('west', 'ok')], drift: [] },
    { release: 'b', unlisted: true, cells: [cell('east', 'ok'), cell('west', 'ok')], drift: [] },
  ],
  generatedAt: '2026-01-01T00:00:00Z',
  clusters: [],
  version: 7,
};

const status = (cluster: string, dataAgeMs: number) => ({
  cluster,
  state: 'ok' as const,
  error: null,
  lastGoodAt: null,
  dataAgeMs,
  latencyMs: null,
});

test('a delta patches the changed cell, drops removed rows and appends new ones', () => {
  const delta: TOverviewDelta = {
    base: 7,
    version: 8,
    changed: [{ release: 'a', cells: [{ index: 1, cell: cell('west', 'error') }] }],
    added: [
      {
        release: 'c',
        unlisted: true,
        cells: [cell('east', 'ok'), cell('west', 'missing')],
        drift: [],
      },
    ],
    removed: ['b'],
    clusters: [status('east', 0), status('west', 4000)],
    generatedAt: '2026-01-01T00:00:05Z',
  };
  const next = applyDelta(held, delta);
  assert.equal(next?.version, 8);
  assert.deepEqual(
    next?.rows.map((r) => `${r.release}:${r.cells.map((c) => c.state).join(',')}`),
    ['a:ok,error', 'c:ok,missing'],
  );
  assert.equal(
    next?.rows[0]?.cells[1]?.dataAgeMs,
    4000,
    'a failing cell shows its cluster data age',
  );
  assert.equal(held.rows.length, 2, 'the held overview is not changed in place');
});

test('a delta that does not follow the version held is refused, so the page re-fetches', () => {
  const delta = {
    base: 6,
    version: 7,
    changed: [],
    added: [],
    removed: [],
    clusters: [],
    generatedAt: '',
  };
  assert.equal(applyDelta(held, delta), null);
  assert.equal(applyDelta(undefined, { ...delta, base: 7 }), null);
});

test('a change concerns a release page when it names the release, or names none in that cluster', () => {
  const change = { clusters: ['east'], releases: ['production/a'], at: '' };
  assert.equal(changeTouches(change, 'east', 'a'), true);
  assert.equal(changeTouches(change, 'east', 'b'), false);
  assert.equal(changeTouches(change, 'west', 'a'), false);
  assert.equal(changeTouches({ ...change, releases: [] }, 'east', 'b'), true);
});
