import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { parseValuesYaml, valuesDigest } from './values-input';

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

test('values too large for the 1 MiB release Secret are refused up front, naming the limit', () => {
  // Random text does not compress: 700 KiB of it cannot fit beside a chart and manifest.
  const noise = Array.from(
    { length: 7000 },
    (_, i) =>
      `k${i}: "${createHash('sha512').update(String(i)).digest('base64')}${createHash('sha256').update(String(i)).digest('hex')}"`,
  ).join('\n');
  const r = parseValuesYaml(noise);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.problem : '', /too large for a Helm release.*1 MiB.*at most 512 KiB/);
  // Repetitive values of the same length compress well and fit.
  const plain = Array.from({ length: 7000 }, (_, i) => `k${i}: "${'x'.repeat(150)}"`).join('\n');
  assert.equal(parseValuesYaml(plain).ok, true);
});
