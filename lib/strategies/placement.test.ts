import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TBlueGreenStrategy } from '@/lib/config';
import { buildMatrix, type TMatrixConfig } from '@/lib/releases/matrix';
import type { TReleaseSummary } from '@/lib/releases/summary';
import { liveColourIn } from './placement';

const bg: TBlueGreenStrategy = {
  type: 'blueGreen',
  environment: 'production',
  clusters: ['east'],
  colours: ['blue', 'green'],
  router: { kind: 'ingress', name: 'alpha-members' },
  colourService: '{release}',
  colourValues: {},
  retireAfter: '30m',
  retire: 'uninstall',
  healthPath: '/health',
  smokeChecks: [],
};
const config: TMatrixConfig = {
  environments: [{ name: 'production', namespace: 'production', clusters: ['east', 'west'] }],
  releases: [{ name: 'alpha-members', promotion: ['production'], strategies: [bg] }],
};
const summary = (name: string, chartVersion: string): TReleaseSummary => ({
  name,
  namespace: 'production',
  revision: 1,
  status: 'deployed',
  chartName: 'alpha-members',
  chartVersion,
  appVersion: null,
  imageTag: chartVersion,
  images: [],
  lastDeployed: null,
  deployedBy: null,
  health: null,
});
const router = (service: string) => ({
  metadata: { name: 'alpha-members' },
  spec: { rules: [{ http: { paths: [{ backend: { service: { name: service } } }] } }] },
});

describe('blue/green in the overview', () => {
  test('the live colour comes from the router among the namespace objects', () => {
    const objects = { ingresses: [router('alpha-members-green')], services: [] };
    assert.equal(liveColourIn('alpha-members', bg, objects), 'green');
    assert.equal(liveColourIn('alpha-members', bg, { ingresses: [], services: [] }), null);
  });

  test('two colour releases are one row whose east cell shows the live colour', () => {
    const m = buildMatrix(config, [
      {
        cluster: 'east',
        releases: [summary('alpha-members-blue', '1.1.0'), summary('alpha-members-green', '1.2.0')],
        lastGoodAt: new Date(),
        error: null,
        liveColours: { 'production/alpha-members': 'green' },
      },
      {
        cluster: 'west',
        releases: [summary('alpha-members', '1.1.0')],
        lastGoodAt: new Date(),
        error: null,
      },
    ]);
    assert.deepEqual(
      m.rows.map((r) => r.release),
      ['alpha-members'],
      'no "not in helmdeck.yaml" rows for the colours',
    );
    const [east, west] = m.rows[0]!.cells;
    assert.deepEqual(east?.blueGreen, { live: 'green', colour: 'green' });
    assert.equal(east?.release?.chartVersion, '1.2.0');
    assert.equal(west?.blueGreen, undefined);
    assert.equal(west?.release?.chartVersion, '1.1.0');
    const only = buildMatrix(config, [], { only: new Set(['alpha-members-blue']) });
    assert.deepEqual(
      only.rows.map((r) => r.release),
      ['alpha-members'],
      'a colour change rebuilds its row',
    );
  });
});
