// Server-side apply: merge the applied configuration into the live object
// by list keys, take ownership of its fields, drop the fields this manager
// applied before but no longer does (unless someone else owns them), and
// refuse with 409 when another manager owns a field with a different value.
import type { KObject } from '../store';
import { isDeepStrictEqual } from 'node:util';
import {
  fieldSetOf,
  isItemPath,
  removeAt,
  displayPath,
  trackedPart,
  valueAt,
  type TFieldSet,
  type TShape,
} from './fieldset';
import { isSameOwner, now, readManaged, writeManaged, type TOwned } from './managed-fields';
import { isPlainObject, keyOf, listKind, sameKey } from './schema';
import { ApiError, qualifiedName } from './status';
import type { TResourceInfo } from '../resources';

export interface TApplyInput {
  info: TResourceInfo;
  live: KObject | undefined;
  applied: KObject;
  manager: string;
  force: boolean;
  subresource?: string;
}

function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      if (v !== null && v !== undefined) out[k] = stripNulls(v);
    return out;
  }
  return value;
}

function merge(live: unknown, applied: unknown, fields: string[], shape: TShape): unknown {
  if (isPlainObject(applied) && isPlainObject(live)) {
    const out: Record<string, unknown> = { ...live };
    for (const [k, v] of Object.entries(applied)) out[k] = merge(live[k], v, [...fields, k], shape);
    return out;
  }
  if (Array.isArray(applied) && Array.isArray(live)) {
    const lk = listKind(shape.kind, fields, shape.custom, true);
    if (lk.type === 'set')
      return [...live, ...applied.filter((a) => !live.some((l) => isDeepStrictEqual(l, a)))];
    if (lk.type === 'map' && [...live, ...applied].every((item) => keyOf(item, lk.keys))) {
      const out = [...live];
      for (const item of applied) {
        const key = keyOf(item, lk.keys)!;
        const at = out.findIndex((l) => sameKey(l, key));
        if (at >= 0) out[at] = merge(out[at], item, fields, shape);
        else out.push(item);
      }
      return out;
    }
  }
  return structuredClone(applied);
}

/** A key field of a list item (`k:{"name":"x"}` then `f:name`) goes only with its item. */
function isKeyField(path: string): boolean {
  const els = path.split('\n');
  const last = els[els.length - 1] ?? '';
  const parent = els[els.length - 2] ?? '';
  if (!last.startsWith('f:') || !parent.startsWith('k:')) return false;
  return last.slice(2) in (JSON.parse(parent.slice(2)) as Record<string, unknown>);
}

function ownedByOthers(path: string, owners: TOwned[], mine: TOwned | undefined): boolean {
  const prefix = `${path}\n`;
  return owners.some(
    (o) => o !== mine && [...o.set].some((p) => p === path || p.startsWith(prefix)),
  );
}

function conflictError(
  info: TResourceInfo,
  name: string,
  conflicts: Array<{ path: string; owner: TOwned }>,
): ApiError {
  const causes = conflicts.map((c) => ({
    type: 'FieldManagerConflict',
    message: `conflict with "${c.owner.entry.manager}"${c.owner.entry.operation === 'Update' ? ` using ${c.owner.entry.apiVersion}` : ''}`,
    field: displayPath(c.path),
  }));
  const lines = causes.map((c) => `${c.message}: ${c.field}`);
  const message = `Apply failed with ${conflicts.length} conflict${conflicts.length > 1 ? 's' : ''}: ${lines.join('\n')}`;
  return new ApiError(409, 'Conflict', message, {
    name,
    ...(info.group ? { group: info.group } : {}),
    kind: qualifiedName(info).split('.')[0],
    causes,
  });
}

/** The applied object merged into the live one, with managedFields; throws 409 on ownership conflicts. */
export function serverSideApply(input: TApplyInput): KObject {
  const { info, live, manager, force, subresource } = input;
  const shape: TShape = { kind: info.kind, custom: Boolean(info.custom) };
  const apiVersion = input.applied.apiVersion;
  const applied = stripNulls(input.applied) as KObject;
  if (subresource !== 'status') delete applied.status;
  const appliedPart = trackedPart(applied, subresource);
  const appliedSet = fieldSetOf(appliedPart, shape);
  const newEntry = (set: TFieldSet): TOwned => ({
    entry: {
      manager,
      operation: 'Apply',
      apiVersion,
      time: now(),
      fieldsType: 'FieldsV1',
      fieldsV1: {},
      ...(subresource ? { subresource } : {}),
    },
    set,
  });

  if (!live) {
    const created = structuredClone(applied);
    created.metadata = { ...created.metadata, managedFields: writeManaged([newEntry(appliedSet)]) };
    return created;
  }

  const livePart = trackedPart(live, subresource);
  const owners = readManaged(live);
  let mine = owners.find((o) => isSameOwner(o.entry, manager, 'Apply', subresource));
  const conflicts: Array<{ path: string; owner: TOwned }> = [];
  for (const owner of owners) {
    if (owner === mine) continue;
    for (const path of appliedSet) {
      if (!owner.set.has(path) || isItemPath(path)) continue;
      if (!isDeepStrictEqual(valueAt(appliedPart, path), valueAt(livePart, path)))
        conflicts.push({ path, owner });
    }
  }
  if (conflicts.length && !force) throw conflictError(info, live.metadata.name, conflicts);
  for (const { path, owner } of conflicts) owner.set.delete(path);

  const merged = merge(livePart, appliedPart, [], shape) as Record<string, unknown>;
  // Shallow first: removing a list item removes its fields with it.
  const stale = [...(mine?.set ?? [])]
    .filter((p) => !appliedSet.has(p))
    .sort((a, b) => a.length - b.length);
  for (const path of stale)
    if (!isKeyField(path) && !ownedByOthers(path, owners, mine)) removeAt(merged, path);

  if (mine) mine.set = appliedSet;
  else {
    mine = newEntry(appliedSet);
    owners.push(mine);
  }

  const result = structuredClone(live);
  if (subresource === 'status') {
    result.status = merged.status;
  } else {
    for (const key of Object.keys(result))
      if (!['apiVersion', 'kind', 'metadata', 'status'].includes(key)) delete result[key];
    const { metadata: mergedMeta, ...rest } = merged as { metadata?: Record<string, unknown> };
    Object.assign(result, rest);
    const meta: Record<string, unknown> = {};
    for (const k of [
      'name',
      'namespace',
      'uid',
      'resourceVersion',
      'generation',
      'creationTimestamp',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'generateName',
    ]) {
      if (live.metadata[k] !== undefined) meta[k] = live.metadata[k];
    }
    result.metadata = { ...meta, ...(mergedMeta ?? {}) } as KObject['metadata'];
  }
  result.metadata.managedFields = writeManaged(owners);
  if (result.metadata.managedFields === undefined) delete result.metadata.managedFields;
  return result;
}
