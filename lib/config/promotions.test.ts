import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, parseConfig } from './index';

const yaml = (waves: string) => `
environments:
  - name: production
    clusters: [{ name: east, context: east }, { name: west, context: west }, { name: eu, context: eu }]
    namespace: production
    ${waves}
    waveSoak: 10m
    minSoak: 1h
    semverOnly: true
`;

describe('promotion settings in helmdeck.yaml', () => {
  test('waves, soak and gates are read', () => {
    const env = parseConfig(yaml('waves: [[east], [west, eu]]'), '/tmp/helmdeck.yaml')
      .environments[0]!;
    assert.deepEqual(env.waves, [['east'], ['west', 'eu']]);
    assert.equal(env.waveSoak, '10m');
    assert.equal(env.semverOnly, true);
    assert.equal(env.requireVerified, false);
    assert.equal(env.networkPolicy, 'warn');
  });

  test('a wave naming an unknown or repeated cluster, or leaving one out, is refused', () => {
    assert.throws(
      () => parseConfig(yaml('waves: [[east, east], [mars]]'), '/tmp/helmdeck.yaml'),
      (e: ConfigError) =>
        e.problems.some(
          (p) => p.includes('environments[0].waves[0][1]') && p.includes('already in waves[0]'),
        ) &&
        e.problems.some((p) => p.includes('"mars" is not a cluster of this environment')) &&
        e.problems.some((p) => p.includes('missing: west, eu')),
    );
  });
});
