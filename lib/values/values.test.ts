import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import {
  canonicalJson,
  MAX_VALUES_DEPTH,
  parseValuesYaml,
  valuesDigest,
  valuesSizeProblem,
  ZImageTag,
} from './index';

test('values YAML becomes a mapping; empty text means no values', () => {
  assert.deepEqual(parseValuesYaml('image:\n  tag: "1.2"\nreplicaCount: 3\n'), {
    ok: true,
    values: { image: { tag: '1.2' }, replicaCount: 3 },
  });
  assert.deepEqual(parseValuesYaml('  \n'), { ok: true, values: {} });
});

test('malformed YAML names the line and column', () => {
  const r = parseValuesYaml('image:\n  tag: [1, 2\n');
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.problem : '', /^values: YAML line \d+, column \d+: /);
});

test('duplicate keys, lists and scalars are refused', () => {
  assert.match(JSON.stringify(parseValuesYaml('a: 1\na: 2\n')), /unique|duplicate/i);
  assert.match(JSON.stringify(parseValuesYaml('- a\n- b\n')), /must be a mapping/);
  assert.match(JSON.stringify(parseValuesYaml('just text')), /must be a mapping/);
});

test('an alias bomb is refused instead of expanding', () => {
  const bomb = [
    'a: &a [x,x,x,x,x,x,x,x,x,x]',
    ...'bcdefghi'
      .split('')
      .map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  ].join('\n');
  assert.equal(parseValuesYaml(bomb).ok, false);
});

test('the digest ignores key order and tells different values apart', () => {
  assert.equal(
    valuesDigest({ a: 1, b: { c: 2, d: 3 } }),
    valuesDigest({ b: { d: 3, c: 2 }, a: 1 }),
  );
  assert.notEqual(valuesDigest({ a: 1 }), valuesDigest({ a: '1' }));
});

test('values nested deeper than the limit are refused', () => {
  let text = 'leaf: 1\n';
  for (let i = 0; i <= MAX_VALUES_DEPTH; i++) text = `k${i}:\n${text.replace(/^/gm, '  ')}`;
  const r = parseValuesYaml(text);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.problem : '', /^values: nested deeper than \d+ levels$/);
});

test('canonical JSON sorts keys at every depth, keeps array order, drops undefined', () => {
  assert.equal(
    canonicalJson({ b: [3, { z: 1, y: undefined, x: new Date(0) }], a: null }),
    '{"a":null,"b":[3,{"x":"1970-01-01T00:00:00.000Z","z":1}]}',
  );
  assert.equal(canonicalJson(undefined), 'null');
});

test('an image tag is what a registry allows', () => {
  for (const ok of ['1.4.0', 'v2_rc-1', 'latest', 'a'.repeat(128)])
    assert.equal(ZImageTag.safeParse(ok).success, true, ok);
  for (const bad of ['', '-x', '.x', 'a/b', 'a:b', 'a'.repeat(129)])
    assert.equal(ZImageTag.safeParse(bad).success, false, bad);
});

test('values larger than one Helm release can hold are refused with the limit, before anything runs', () => {
  const big = parseValuesYaml(`blob: "${'x'.repeat(4.5 * 1024 * 1024)}"\n`);
  assert.equal(big.ok, false);
  assert.equal(
    !big.ok ? big.problem : '',
    'values: 4.5 MiB is more than one Helm release can hold; the limit is 1 MiB (Helm keeps each release in one Kubernetes Secret of at most 1 MiB)',
  );
  // 700 KiB that do not compress: under the text limit, too large as Helm stores them (gzip + base64).
  const noise = randomBytes(525 * 1024).toString('base64');
  const stored = parseValuesYaml(`noise: "${noise}"\n`);
  assert.match(
    !stored.ok ? stored.problem : 'accepted',
    /^values: \d+ KiB once compressed as Helm stores them; the limit is 512 KiB, half of the 1 MiB Kubernetes Secret/,
  );
  // The same size that compresses well fits.
  assert.equal(parseValuesYaml(`blob: "${'x'.repeat(700 * 1024)}"\n`).ok, true);
  assert.equal(valuesSizeProblem('replicaCount: 2\n'), null);
});
