// metadata.managedFields bookkeeping for non-apply writes (create, update,
// patch): the writer takes ownership of the fields it changed, other
// managers lose them. Entries whose set does not change keep their time,
// so a no-op write stays a no-op.
import type { KObject } from '../store';
import { isDeepStrictEqual } from 'node:util';
import {
  fieldSetOf,
  fromFieldsV1,
  isItemPath,
  toFieldsV1,
  trackedPart,
  valueAt,
  type TFieldSet,
  type TShape,
} from './fieldset';

export interface TManagedEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: unknown;
  subresource?: string;
}

export interface TOwned {
  entry: TManagedEntry;
  set: TFieldSet;
}

export function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

export function readManaged(obj: KObject | undefined): TOwned[] {
  const list = (obj?.metadata.managedFields ?? []) as TManagedEntry[];
  return list
    .filter((e) => e && typeof e.manager === 'string')
    .map((entry) => ({ entry, set: fromFieldsV1(entry.fieldsV1) }));
}

/** Serializes owners back, rewriting (and re-timing) only the entries whose set changed. */
export function writeManaged(owned: TOwned[]): TManagedEntry[] | undefined {
  const entries = owned
    .filter((o) => o.set.size > 0)
    .map((o) => {
      const before = fromFieldsV1(o.entry.fieldsV1);
      const same = before.size === o.set.size && [...o.set].every((p) => before.has(p));
      return same ? o.entry : { ...o.entry, time: now(), fieldsV1: toFieldsV1(o.set) };
    });
  return entries.length ? entries : undefined;
}

export function isSameOwner(
  e: TManagedEntry,
  manager: string,
  operation: string,
  subresource?: string,
): boolean {
  return (
    e.manager === manager &&
    e.operation === operation &&
    (e.subresource ?? '') === (subresource ?? '')
  );
}

/** Field paths of `next` that differ from `prev` (new items, new or changed leaves), and paths that disappeared. */
export function diffFieldSets(
  prev: KObject | undefined,
  next: KObject,
  shape: TShape,
  subresource?: string,
) {
  const prevPart = prev ? trackedPart(prev, subresource) : {};
  const nextPart = trackedPart(next, subresource);
  const prevSet = fieldSetOf(prevPart, shape);
  const nextSet = fieldSetOf(nextPart, shape);
  const changed: TFieldSet = new Set();
  for (const p of nextSet) {
    if (!prevSet.has(p)) changed.add(p);
    else if (!isItemPath(p) && !isDeepStrictEqual(valueAt(prevPart, p), valueAt(nextPart, p)))
      changed.add(p);
  }
  const removed: TFieldSet = new Set([...prevSet].filter((p) => !nextSet.has(p)));
  return { changed, removed, nextSet };
}

/**
 * managedFields for `next` after a create/update/patch by `manager`.
 * A request that rewrote managedFields itself is honoured as sent (helm
 * does this when it moves a release from client-side to server-side apply).
 */
export function trackUpdate(
  prev: KObject | undefined,
  next: KObject,
  manager: string,
  apiVersion: string,
  shape: TShape,
  subresource?: string,
): TManagedEntry[] | undefined {
  const requested = next.metadata.managedFields;
  if (
    prev &&
    requested !== undefined &&
    !isDeepStrictEqual(requested, prev.metadata.managedFields)
  ) {
    return Array.isArray(requested) && requested.length
      ? (requested as TManagedEntry[])
      : undefined;
  }
  if (!prev && Array.isArray(requested) && requested.length) return requested as TManagedEntry[];
  const { changed, removed } = diffFieldSets(prev, next, shape, subresource);
  const owned = readManaged(prev);
  if (changed.size === 0 && removed.size === 0)
    return prev?.metadata.managedFields as TManagedEntry[] | undefined;
  let mine = owned.find((o) => isSameOwner(o.entry, manager, 'Update', subresource));
  for (const o of owned) {
    if (o === mine) continue;
    for (const p of changed) o.set.delete(p);
    for (const p of removed) o.set.delete(p);
  }
  if (!mine) {
    mine = {
      entry: {
        manager,
        operation: 'Update',
        apiVersion,
        time: now(),
        fieldsType: 'FieldsV1',
        fieldsV1: {},
        ...(subresource ? { subresource } : {}),
      },
      set: new Set(),
    };
    owned.push(mine);
  }
  for (const p of removed) mine.set.delete(p);
  for (const p of changed) mine.set.add(p);
  return writeManaged(owned);
}
