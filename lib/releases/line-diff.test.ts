import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffLines, sideBySide, splitLines, unifiedDiff, type TLineOp } from './line-diff';

function rebuild(ops: TLineOp[]): { a: string[]; b: string[] } {
  return {
    a: ops.filter((o) => o.kind !== 'added').map((o) => o.text),
    b: ops.filter((o) => o.kind !== 'removed').map((o) => o.text),
  };
}

function lcsLength(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  return dp[0]![0]!;
}

// Small deterministic PRNG so a failure can be replayed.
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

test('the edit script rebuilds both sides and is as short as the longest common subsequence allows', () => {
  const rand = rng(42);
  for (let round = 0; round < 300; round++) {
    const a = Array.from({ length: Math.floor(rand() * 25) }, () =>
      String.fromCharCode(97 + Math.floor(rand() * 4)),
    );
    const b = Array.from({ length: Math.floor(rand() * 25) }, () =>
      String.fromCharCode(97 + Math.floor(rand() * 4)),
    );
    const ops = diffLines(a, b);
    assert.deepEqual(rebuild(ops), { a, b }, `round ${round}`);
    assert.equal(ops.filter((o) => o.kind === 'equal').length, lcsLength(a, b), `round ${round}`);
    const lefts = ops.filter((o) => o.left !== null).map((o) => o.left);
    assert.deepEqual(
      lefts,
      a.map((_, i) => i + 1),
    );
  }
});

test('a one-line change in a manifest of several thousand lines is found exactly', () => {
  const a = Array.from({ length: 6000 }, (_, i) => `  line-${i}: value`);
  const b = [...a];
  b[3000] = '  line-3000: other';
  b.splice(100, 0, '  inserted: true');
  const ops = diffLines(a, b);
  assert.deepEqual(
    ops.filter((o) => o.kind !== 'equal').map((o) => [o.kind, o.text]),
    [
      ['added', '  inserted: true'],
      ['removed', '  line-3000: value'],
      ['added', '  line-3000: other'],
    ],
  );
});

test('completely different large inputs fall back to remove-then-add instead of exhausting memory', () => {
  const a = Array.from({ length: 5000 }, (_, i) => `a${i}`);
  const b = Array.from({ length: 5000 }, (_, i) => `b${i}`);
  const ops = diffLines(a, b, 500);
  assert.deepEqual(rebuild(ops), { a, b });
  assert.equal(ops.filter((o) => o.kind === 'equal').length, 0);
});

test('unified diff has hunks with context and correct line ranges, and is empty for equal input', () => {
  const a = splitLines('a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n');
  const b = splitLines('a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nk\n');
  const text = unifiedDiff(diffLines(a, b), 'rev 1', 'rev 2', 1);
  assert.equal(
    text,
    [
      '--- rev 1',
      '+++ rev 2',
      '@@ -2,3 +2,3 @@',
      ' b',
      '-c',
      '+C',
      ' d',
      '@@ -10,1 +10,2 @@',
      ' j',
      '+k',
      '',
    ].join('\n'),
  );
  assert.equal(unifiedDiff(diffLines(a, a), 'x', 'y'), '');
  assert.equal(
    unifiedDiff(diffLines([], ['new']), 'x', 'y'),
    '--- x\n+++ y\n@@ -0,0 +1,1 @@\n+new\n',
  );
});

test('side-by-side rows pair removed with added lines and keep both line numbers', () => {
  const rows = sideBySide(diffLines(['a', 'b', 'c', 'd'], ['a', 'B', 'c', 'x', 'y']));
  assert.deepEqual(
    rows.map((r) => [
      r.kind,
      r.left?.line ?? null,
      r.left?.text ?? null,
      r.right?.line ?? null,
      r.right?.text ?? null,
    ]),
    [
      ['equal', 1, 'a', 1, 'a'],
      ['changed', 2, 'b', 2, 'B'],
      ['equal', 3, 'c', 3, 'c'],
      ['changed', 4, 'd', 4, 'x'],
      ['added', null, null, 5, 'y'],
    ],
  );
});
