// Turns zod issues into "<path>: <rule>" lines, with the YAML line where the
// field (or, when missing, its parent) sits, so a user can jump to it.
import type { Document, LineCounter } from 'yaml';
import { isNode } from 'yaml';
import type { z } from 'zod';
import type { TConfigIssue } from './cross-checks';

type TPath = readonly PropertyKey[];

export function formatPath(p: TPath): string {
  let out = '';
  for (const part of p) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(file)' : out;
}

/** Fallback messages for issues whose schema gave none: short rules, not zod's prose. */
export const configErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? 'required' : `must be ${article(iss.expected)}`;
    case 'too_small': {
      const n = Number(iss.minimum);
      if (iss.origin === 'string') return n <= 1 ? 'must not be empty' : `at least ${n} characters`;
      if (iss.origin === 'array') return `at least ${n} item${n === 1 ? '' : 's'}`;
      return iss.inclusive === false ? `more than ${n}` : `at least ${n}`;
    }
    case 'too_big': {
      const n = Number(iss.maximum);
      if (iss.origin === 'string') return `at most ${n} characters`;
      if (iss.origin === 'array') return `at most ${n} items`;
      return iss.inclusive === false ? `less than ${n}` : `at most ${n}`;
    }
    case 'invalid_value':
      return `one of ${iss.values.map((v) => String(v)).join(', ')}`;
    default:
      return undefined;
  }
};

function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'a mapping';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** One TConfigIssue per bad field (its first broken rule); unknown keys one each. */
export function flattenZodIssues(issues: readonly z.core.$ZodIssue[]): TConfigIssue[] {
  const out: TConfigIssue[] = [];
  const seen = new Set<string>();
  const add = (issue: TConfigIssue) => {
    const key = JSON.stringify(issue.path);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(issue);
  };
  for (const iss of issues) {
    const p = iss.path.map((x) => (typeof x === 'symbol' ? String(x) : x));
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys) add({ path: [...p, key], message: 'unknown field' });
    } else {
      add({ path: p, message: iss.message });
    }
  }
  return out;
}

function lineOf(doc: Document, lines: LineCounter, p: TPath): number | undefined {
  for (let depth = p.length; depth >= 0; depth--) {
    const node = doc.getIn(p.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** "<path>: <rule> (line n)" per issue, in the order they appear in the file. */
export function formatIssues(
  issues: readonly TConfigIssue[],
  doc: Document,
  lines: LineCounter,
): string[] {
  return issues
    .map((issue, order) => ({ issue, order, line: lineOf(doc, lines, issue.path) }))
    .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.order - b.order)
    .map(
      ({ issue, line }) =>
        `${formatPath(issue.path)}: ${issue.message}${line ? ` (line ${line})` : ''}`,
    );
}
