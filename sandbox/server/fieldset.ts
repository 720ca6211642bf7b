// Field sets as server-side apply tracks them: every path an object sets,
// in the element syntax of `managedFields[].fieldsV1` (`f:spec`,
// `k:{"name":"web"}`, `v:"finalizer"`). A path is its elements joined by
// newlines, so set operations are plain Set operations.
import type { KObject } from '../store';
import { isDeepStrictEqual } from 'node:util';
import { isPlainObject, keyOf, listKind, sameKey } from './schema';

export type TFieldSet = Set<string>;

export interface TShape {
  kind: string;
  custom: boolean;
}

const SEP = '\n';
const SKIPPED_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
  'generateName',
]);

/** The part of an object whose ownership is tracked: status only for the status subresource. */
export function trackedPart(obj: KObject, subresource?: string): Record<string, unknown> {
  if (subresource === 'status') return obj.status === undefined ? {} : { status: obj.status };
  const { apiVersion: _a, kind: _k, status: _s, metadata, ...rest } = obj;
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(metadata ?? {}))
    if (!SKIPPED_META.has(k) && v !== undefined) meta[k] = v;
  return Object.keys(meta).length ? { metadata: meta, ...rest } : rest;
}

export function fieldSetOf(value: Record<string, unknown>, shape: TShape): TFieldSet {
  const out: TFieldSet = new Set();
  walk(value, [], [], shape, out);
  return out;
}

function walk(
  value: unknown,
  path: string[],
  fields: string[],
  shape: TShape,
  out: TFieldSet,
): void {
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0 && path.length) out.add(path.join(SEP));
    for (const [k, v] of entries) walk(v, [...path, `f:${k}`], [...fields, k], shape, out);
    return;
  }
  if (Array.isArray(value)) {
    const lk = listKind(shape.kind, fields, shape.custom, true);
    if (lk.type === 'map') {
      const keys = value.map((item) => keyOf(item, lk.keys));
      if (keys.every((k) => k !== undefined)) {
        value.forEach((item, i) => {
          const itemPath = [...path, `k:${JSON.stringify(keys[i])}`];
          out.add(itemPath.join(SEP));
          for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
            if (v !== undefined) walk(v, [...itemPath, `f:${k}`], [...fields, k], shape, out);
          }
        });
        return;
      }
    } else if (lk.type === 'set') {
      for (const item of value) out.add([...path, `v:${JSON.stringify(item)}`].join(SEP));
      return;
    }
  }
  out.add(path.join(SEP));
}

export function splitPath(path: string): string[] {
  return path.split(SEP);
}

/** The value at a field path, or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const el of splitPath(path)) {
    cur = step(cur, el);
    if (cur === undefined) return undefined;
  }
  return cur;
}

function step(cur: unknown, el: string): unknown {
  if (el.startsWith('f:')) return isPlainObject(cur) ? cur[el.slice(2)] : undefined;
  if (!Array.isArray(cur)) return undefined;
  if (el.startsWith('k:')) {
    const key = JSON.parse(el.slice(2)) as Record<string, unknown>;
    return cur.find((item) => sameKey(item, key));
  }
  if (el.startsWith('v:')) {
    const v = JSON.parse(el.slice(2)) as unknown;
    return cur.some((item) => isDeepStrictEqual(item, v)) ? v : undefined;
  }
  return undefined;
}

/** Removes the field at `path` from `root` (in place). Returns true when something was removed. */
export function removeAt(root: unknown, path: string): boolean {
  const els = splitPath(path);
  let cur: unknown = root;
  for (const el of els.slice(0, -1)) {
    cur = step(cur, el);
    if (cur === undefined) return false;
  }
  const last = els[els.length - 1]!;
  if (last.startsWith('f:') && isPlainObject(cur)) {
    if (!(last.slice(2) in cur)) return false;
    delete cur[last.slice(2)];
    return true;
  }
  if (!Array.isArray(cur)) return false;
  const index = last.startsWith('k:')
    ? cur.findIndex((item) => sameKey(item, JSON.parse(last.slice(2)) as Record<string, unknown>))
    : cur.findIndex((item) => isDeepStrictEqual(item, JSON.parse(last.slice(2))));
  if (index < 0) return false;
  cur.splice(index, 1);
  return true;
}

/** True for paths naming a list item itself rather than a field. */
export function isItemPath(path: string): boolean {
  const last = path.slice(path.lastIndexOf(SEP) + 1);
  return last.startsWith('k:') || last.startsWith('v:');
}

type TTree = { [key: string]: TTree };

export function toFieldsV1(set: TFieldSet): TTree {
  const root: TTree = {};
  const sorted = [...set].sort();
  for (const path of sorted) {
    let node = root;
    for (const el of splitPath(path)) node = node[el] ??= {};
  }
  // A path that is both set and a parent of others is marked with '.'.
  for (const path of sorted) {
    let node: TTree | undefined = root;
    for (const el of splitPath(path)) node = node?.[el];
    if (node && Object.keys(node).length > 0 && !('.' in node)) {
      const children = { ...node };
      for (const k of Object.keys(node)) delete node[k];
      Object.assign(node, { '.': {} }, children);
    }
  }
  return root;
}

export function fromFieldsV1(tree: unknown): TFieldSet {
  const out: TFieldSet = new Set();
  const visit = (node: unknown, path: string[]) => {
    if (!isPlainObject(node)) return;
    for (const [k, child] of Object.entries(node)) {
      if (k === '.') {
        if (path.length) out.add(path.join(SEP));
        continue;
      }
      const p = [...path, k];
      if (isPlainObject(child) && Object.keys(child).length === 0) out.add(p.join(SEP));
      else visit(child, p);
    }
  };
  visit(tree, []);
  return out;
}

/** `.spec.replicas`, `.spec.containers[name="web"].image`: how conflict causes name a field. */
export function displayPath(path: string): string {
  return splitPath(path)
    .map((el) => {
      if (el.startsWith('f:')) return `.${el.slice(2)}`;
      if (el.startsWith('k:')) {
        const key = JSON.parse(el.slice(2)) as Record<string, unknown>;
        return `[${Object.entries(key)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
      }
      return `[${el.slice(2)}]`;
    })
    .join('');
}
