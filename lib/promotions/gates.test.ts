import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPromotionGates, isSemver } from './gates';
import { planWaves } from './waves';

const now = new Date('2026-12-01T12:00:00Z');
const prod = { name: 'production', semverOnly: true, minSoak: '1h', requireVerified: true };

describe('promotion gates', () => {
  test('semantic versions only: a commit-sha tag is refused, naming the gate', () => {
    assert.ok(isSemver('1.4.0') && isSemver('v2.3.1') && !isSemver('3f2a9c1'));
    const r = checkPromotionGates(prod, { chartVersion: '1.4.0', imageTag: '3f2a9c1' }, null, now);
    assert.equal(r[0]?.gate, 'semverOnly');
    assert.match(r[0]!.reason, /image tag 3f2a9c1 is not one/);
  });

  test('min soak not met says when it opens', () => {
    const verifiedAt = new Date(now.getTime() - 20 * 60_000);
    const r = checkPromotionGates(
      prod,
      { chartVersion: '1.4.0', imageTag: '2.3.1' },
      { environment: 'staging', verifiedAt, deployedAt: verifiedAt },
      now,
    );
    assert.equal(r.length, 1);
    assert.equal(r[0]!.gate, 'minSoak');
    assert.equal(r[0]!.opensAt?.toISOString(), '2026-12-01T12:40:00.000Z');
  });

  test('an unverified build is refused by requireVerified; a soaked verified one passes', () => {
    const deployedAt = new Date(now.getTime() - 2 * 3_600_000);
    const unverified = checkPromotionGates(
      prod,
      { chartVersion: '1.4.0', imageTag: '2.3.1' },
      { environment: 'staging', verifiedAt: null, deployedAt },
      now,
    );
    assert.deepEqual(
      unverified.map((g) => g.gate),
      ['requireVerified'],
    );
    assert.deepEqual(
      checkPromotionGates(
        prod,
        { chartVersion: '1.4.0', imageTag: '2.3.1' },
        { environment: 'staging', verifiedAt: deployedAt, deployedAt },
        now,
      ),
      [],
    );
  });

  test('waves: configured, or one cluster per wave in order', () => {
    const clusters = [
      { name: 'east', context: 'e' },
      { name: 'west', context: 'w' },
      { name: 'eu', context: 'u' },
    ];
    assert.deepEqual(planWaves({ clusters }), [['east'], ['west'], ['eu']]);
    assert.deepEqual(planWaves({ clusters, waves: [['east'], ['west', 'eu']] }), [
      ['east'],
      ['west', 'eu'],
    ]);
  });
});
