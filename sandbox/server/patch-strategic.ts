// Strategic merge patch, as helm 3 and kubectl send it: lists merge by key
// (containers and env by name, ports by containerPort or port, ...),
// `$patch: delete|replace|merge`, `$setElementOrder/<field>`,
// `$retainKeys`, `$deleteFromPrimitiveList/<field>`, null deletes a field.
import { isDeepStrictEqual } from 'node:util';
import type { TShape } from './fieldset';
import { isPlainObject, listKind } from './schema';
import { errors } from './status';

function isDirective(key: string): boolean {
  return (
    key === '$patch' ||
    key === '$retainKeys' ||
    key.startsWith('$setElementOrder/') ||
    key.startsWith('$deleteFromPrimitiveList/')
  );
}

function clean(value: unknown): unknown {
  if (Array.isArray(value))
    return value
      .filter((v) => !(isPlainObject(v) && v.$patch === 'replace' && Object.keys(v).length === 1))
      .map(clean);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!isDirective(k) && v !== null) out[k] = clean(v);
  return out;
}

function reorder(list: unknown[], order: unknown[], key: string | undefined): unknown[] {
  const id = (item: unknown) => (key && isPlainObject(item) ? item[key] : item);
  const wanted = order.map((o) => (key && isPlainObject(o) ? o[key] : o));
  const ranked = list.filter((item) => wanted.some((w) => isDeepStrictEqual(w, id(item))));
  ranked.sort(
    (a, b) =>
      wanted.findIndex((w) => isDeepStrictEqual(w, id(a))) -
      wanted.findIndex((w) => isDeepStrictEqual(w, id(b))),
  );
  return [...ranked, ...list.filter((item) => !ranked.includes(item))];
}

function mergeList(
  original: unknown,
  patch: unknown[],
  fields: string[],
  shape: TShape,
  order: unknown,
): unknown[] {
  if (patch.some((v) => isPlainObject(v) && v.$patch === 'replace'))
    return clean(patch) as unknown[];
  const lk = listKind(shape.kind, fields, shape.custom);
  const base = Array.isArray(original) ? [...original] : [];
  let result: unknown[];
  let key: string | undefined;
  if (lk.type === 'map') {
    key = lk.keys[0]!;
    result = base;
    for (const item of patch) {
      if (!isPlainObject(item))
        throw errors.badRequest(`unable to find api field in struct for the merge key "${key}"`);
      const id = item[key];
      if (item.$patch === 'delete') {
        result = result.filter((x) => !(isPlainObject(x) && isDeepStrictEqual(x[key!], id)));
        continue;
      }
      const at = result.findIndex((x) => isPlainObject(x) && isDeepStrictEqual(x[key!], id));
      if (at >= 0)
        result[at] = mergeMap(result[at] as Record<string, unknown>, item, fields, shape);
      else result.push(clean(item));
    }
  } else if (lk.type === 'set') {
    result = [...base, ...patch.filter((p) => !base.some((b) => isDeepStrictEqual(b, p)))];
  } else {
    return clean(patch) as unknown[];
  }
  return Array.isArray(order) ? reorder(result, order, key) : result;
}

export function mergeMap(
  original: Record<string, unknown>,
  patch: Record<string, unknown>,
  fields: string[],
  shape: TShape,
): Record<string, unknown> {
  if (patch.$patch === 'replace') return clean(patch) as Record<string, unknown>;
  const result: Record<string, unknown> = { ...original };
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const drop = Array.isArray(v) ? v : [];
      if (Array.isArray(result[field]))
        result[field] = (result[field] as unknown[]).filter(
          (x) => !drop.some((d) => isDeepStrictEqual(d, x)),
        );
      continue;
    }
    if (v === null) delete result[k];
    else if (isPlainObject(v)) {
      if (v.$patch === 'delete') delete result[k];
      else
        result[k] = mergeMap(isPlainObject(result[k]) ? result[k] : {}, v, [...fields, k], shape);
    } else if (Array.isArray(v))
      result[k] = mergeList(result[k], v, [...fields, k], shape, patch[`$setElementOrder/${k}`]);
    else result[k] = v;
  }
  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith('$setElementOrder/')) continue;
    const field = k.slice('$setElementOrder/'.length);
    if (field in patch || !Array.isArray(result[field]) || !Array.isArray(order)) continue;
    const lk = listKind(shape.kind, [...fields, field], shape.custom);
    result[field] = reorder(
      result[field] as unknown[],
      order,
      lk.type === 'map' ? lk.keys[0] : undefined,
    );
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[]);
    for (const k of Object.keys(result)) if (!keep.has(k)) delete result[k];
  }
  return result;
}

export function applyStrategicPatch(
  target: Record<string, unknown>,
  patch: unknown,
  shape: TShape,
): Record<string, unknown> {
  if (!isPlainObject(patch))
    throw errors.badRequest(
      'json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
  return mergeMap(target, patch, [], shape);
}
