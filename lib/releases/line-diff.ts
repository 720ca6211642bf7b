// Line diff (Myers' O(ND) algorithm) with unified and side-by-side output,
// written here rather than pulled in, sized for manifests of thousands of lines.

export type TLineOp = {
  kind: 'equal' | 'added' | 'removed';
  text: string;
  /** 1-based line number on the left (null for added lines). */
  left: number | null;
  /** 1-based line number on the right (null for removed lines). */
  right: number | null;
};

export type TSideBySideRow = {
  kind: 'equal' | 'added' | 'removed' | 'changed';
  left: { line: number; text: string } | null;
  right: { line: number; text: string } | null;
};

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// Past this many edits the exact script costs more than it tells; the
// changed middle is then shown as removed-then-added.
const DEFAULT_MAX_EDITS = 4000;

/** Shortest edit script between two line arrays, as equal/added/removed operations. */
export function diffLines(a: string[], b: string[], maxEdits = DEFAULT_MAX_EDITS): TLineOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: TLineOp[] = [];
  for (let i = 0; i < start; i++)
    ops.push({ kind: 'equal', text: a[i] ?? '', left: i + 1, right: i + 1 });
  for (const op of middle(a, b, start, endA, endB, maxEdits)) ops.push(op);
  for (let i = endA, j = endB; i < a.length; i++, j++) {
    ops.push({ kind: 'equal', text: a[i] ?? '', left: i + 1, right: j + 1 });
  }
  return ops;
}

function middle(
  a: string[],
  b: string[],
  start: number,
  endA: number,
  endB: number,
  maxEdits: number,
): TLineOp[] {
  const n = endA - start;
  const m = endB - start;
  const removeAll = (): TLineOp[] => [
    ...Array.from({ length: n }, (_, i) => op('removed', a[start + i], start + i + 1, null)),
    ...Array.from({ length: m }, (_, j) => op('added', b[start + j], null, start + j + 1)),
  ];
  if (n === 0 || m === 0) return removeAll();
  // Interning lines as numbers makes the inner loop compare integers.
  const ids = new Map<string, number>();
  const intern = (s: string | undefined): number => {
    const key = s ?? '';
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const A = Int32Array.from({ length: n }, (_, i) => intern(a[start + i]));
  const B = Int32Array.from({ length: m }, (_, j) => intern(b[start + j]));

  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[k] for k in [-d-1, d+1] as it was before step d.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))
          ? (v[offset + k + 1] ?? 0)
          : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return removeAll();

  const reversed: TLineOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const snap = trace[d] ?? new Int32Array(0);
    const at = (k: number) => snap[k + d + 1] ?? 0;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      reversed.push(op('equal', a[start + x], start + x + 1, start + y + 1));
    }
    if (d > 0) {
      if (x === prevX) reversed.push(op('added', b[start + y - 1], null, start + y));
      else reversed.push(op('removed', a[start + x - 1], start + x, null));
    }
    x = prevX;
    y = prevY;
  }
  return reversed.reverse();
}

function op(
  kind: TLineOp['kind'],
  text: string | undefined,
  left: number | null,
  right: number | null,
): TLineOp {
  return { kind, text: text ?? '', left, right };
}

/** Unified diff text (`@@ -l,n +l,n @@` hunks with `context` lines around changes); '' when equal. */
export function unifiedDiff(
  ops: TLineOp[],
  fromLabel: string,
  toLabel: string,
  context = 3,
): string {
  const changed = ops.map((o, i) => (o.kind === 'equal' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  const out = [`--- ${fromLabel}`, `+++ ${toLabel}`];
  let i = 0;
  while (i < changed.length) {
    const first = changed[i] ?? 0;
    let last = first;
    // Changes closer than twice the context share one hunk.
    while (i + 1 < changed.length && (changed[i + 1] ?? 0) - last <= 2 * context)
      last = changed[++i] ?? last;
    i++;
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    const hunk = ops.slice(from, to + 1);
    const leftLines = hunk.filter((o) => o.kind !== 'added');
    const rightLines = hunk.filter((o) => o.kind !== 'removed');
    const leftStart = leftLines[0]?.left ?? lineBefore(ops, from, 'left');
    const rightStart = rightLines[0]?.right ?? lineBefore(ops, from, 'right');
    out.push(`@@ -${leftStart},${leftLines.length} +${rightStart},${rightLines.length} @@`);
    for (const o of hunk)
      out.push(`${o.kind === 'equal' ? ' ' : o.kind === 'added' ? '+' : '-'}${o.text}`);
  }
  return `${out.join('\n')}\n`;
}

// For an empty side, unified diff names the line just before the hunk.
function lineBefore(ops: TLineOp[], index: number, side: 'left' | 'right'): number {
  for (let i = index - 1; i >= 0; i--) {
    const n = ops[i]?.[side];
    if (n != null) return n;
  }
  return 0;
}

/** Rows for a side-by-side view: runs of removed and added lines are paired as `changed`. */
export function sideBySide(ops: TLineOp[]): TSideBySideRow[] {
  const rows: TSideBySideRow[] = [];
  let removed: TLineOp[] = [];
  let added: TLineOp[] = [];
  const flush = () => {
    const pairs = Math.max(removed.length, added.length);
    for (let i = 0; i < pairs; i++) {
      const l = removed[i];
      const r = added[i];
      rows.push({
        kind: l && r ? 'changed' : l ? 'removed' : 'added',
        left: l ? { line: l.left ?? 0, text: l.text } : null,
        right: r ? { line: r.right ?? 0, text: r.text } : null,
      });
    }
    removed = [];
    added = [];
  };
  for (const o of ops) {
    if (o.kind === 'removed') removed.push(o);
    else if (o.kind === 'added') added.push(o);
    else {
      flush();
      rows.push({
        kind: 'equal',
        left: { line: o.left ?? 0, text: o.text },
        right: { line: o.right ?? 0, text: o.text },
      });
    }
  }
  flush();
  return rows;
}
