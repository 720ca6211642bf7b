// Label and field selectors in the string forms clients put in the query
// (`app=web,tier!=db,env in (a,b),!legacy`, `metadata.name=x,status.phase!=Running`).
import type { KObject } from '../store';
import { errors } from './status';

type TRequirement =
  | { op: 'eq' | 'neq'; key: string; values: [string] }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string; values: [] };

export type TMatcher = (obj: KObject) => boolean;

/** Splits on commas that are not inside parentheses. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

const KEY =
  /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

function parseRequirement(text: string, selector: string): TRequirement {
  const bad = () =>
    errors.badRequest(`unable to parse requirement: found '${text}', in selector "${selector}"`);
  let m = /^(\S+?)\s+(in|notin)\s*\((.*)\)$/.exec(text);
  if (m) {
    const values = m[3]!
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    return { op: m[2] as 'in' | 'notin', key: m[1]!, values };
  }
  m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(text);
  if (m) return { op: m[2] === '!=' ? 'neq' : 'eq', key: m[1]!, values: [m[3]!] };
  m = /^!\s*(\S+)$/.exec(text);
  if (m) return { op: 'notexists', key: m[1]!, values: [] };
  if (KEY.test(text)) return { op: 'exists', key: text, values: [] };
  throw bad();
}

function matchRequirement(req: TRequirement, value: string | undefined): boolean {
  switch (req.op) {
    case 'eq':
      return value === req.values[0];
    case 'neq':
      return value !== req.values[0];
    case 'in':
      return value !== undefined && req.values.includes(value);
    case 'notin':
      return value === undefined || !req.values.includes(value);
    case 'exists':
      return value !== undefined;
    case 'notexists':
      return value === undefined;
  }
}

export function parseLabelSelector(selector: string | null): TMatcher | undefined {
  if (!selector || !selector.trim()) return undefined;
  const reqs = splitTop(selector).map((part) => parseRequirement(part, selector));
  for (const r of reqs) {
    const name = r.key.includes('/') ? r.key.split('/')[1]! : r.key;
    if (!KEY.test(r.key) || name.length > 63)
      throw errors.badRequest(`unable to parse requirement: invalid label key "${r.key}"`);
  }
  return (obj) => {
    const labels = obj.metadata.labels ?? {};
    return reqs.every((r) => matchRequirement(r, labels[r.key]));
  };
}

function fieldValue(obj: KObject, path: string): string | undefined {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return undefined;
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
}

export function parseFieldSelector(selector: string | null): TMatcher | undefined {
  if (!selector || !selector.trim()) return undefined;
  const reqs = splitTop(selector).map((part) => {
    const m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw errors.badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
    return { path: m[1]!, negate: m[2] === '!=', value: m[3]!.trim() };
  });
  return (obj) =>
    reqs.every((r) => {
      // Unset fields compare as the empty string, as in the real field selectors.
      const value = fieldValue(obj, r.path) ?? '';
      return r.negate ? value !== r.value : value === r.value;
    });
}

/** A metav1.LabelSelector object (matchLabels, matchExpressions) as a string selector. */
export function labelSelectorString(selector: unknown): string {
  if (!selector || typeof selector !== 'object') return '';
  const s = selector as {
    matchLabels?: Record<string, string>;
    matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
  };
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'in' || op === 'notin') parts.push(`${e.key} ${op} (${(e.values ?? []).join(',')})`);
    else if (op === 'exists') parts.push(e.key);
    else if (op === 'doesnotexist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}
