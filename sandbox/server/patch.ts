// PATCH in its four content types: JSON patch, merge patch, strategic
// merge patch and server-side apply.
import type { KObject } from '../store';
import { serverSideApply } from './apply';
import { asObject, parseJson, parseYamlOrJson } from './body';
import type { TCluster, TTarget, TWriteOptions } from './context';
import { createObject, getCurrent, placeObject, updateObject } from './objects';
import { applyJsonPatch, applyMergePatch } from './patch-json';
import { applyStrategicPatch } from './patch-strategic';
import { isPlainObject } from './schema';
import { errors } from './status';

export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

export function patchObject(
  cluster: TCluster,
  target: TTarget,
  contentType: string,
  body: Buffer,
  opts: TWriteOptions & { force: boolean; fieldManagerGiven: boolean },
): { object: KObject; code: number } {
  const accepted = target.info.custom
    ? [PATCH_TYPES.json, PATCH_TYPES.merge, PATCH_TYPES.apply]
    : [PATCH_TYPES.json, PATCH_TYPES.merge, PATCH_TYPES.strategic, PATCH_TYPES.apply];
  if (!accepted.includes(contentType as never))
    throw errors.unsupportedMediaType(contentType, accepted);
  if (contentType === PATCH_TYPES.apply) return apply(cluster, target, body, opts);
  if (opts.force)
    throw errors.invalid({ kind: 'PatchOptions', group: 'meta.k8s.io' }, '', [
      { field: 'force', message: 'Invalid value: true: may not be specified for non-apply patch' },
    ]);

  const current = getCurrent(cluster, target);
  const patch = parseJson(body.toString('utf8'));
  let result: unknown;
  if (contentType === PATCH_TYPES.json) result = applyJsonPatch(current, patch);
  else if (contentType === PATCH_TYPES.merge) result = applyMergePatch(current, patch);
  else result = applyStrategicPatch(current, patch, { kind: target.info.kind, custom: false });
  if (!isPlainObject(result)) throw errors.badRequest('the patch did not produce an object');
  const next = asObject(result);
  // An unchanged resourceVersion in the result is not a precondition the client asked for.
  if (next.metadata.resourceVersion === current.metadata.resourceVersion)
    delete next.metadata.resourceVersion;
  return { object: updateObject(cluster, target, current, next, opts), code: 200 };
}

function apply(
  cluster: TCluster,
  target: TTarget,
  body: Buffer,
  opts: TWriteOptions & { force: boolean; fieldManagerGiven: boolean },
) {
  if (!opts.fieldManagerGiven) {
    throw errors.invalid({ kind: 'PatchOptions', group: 'meta.k8s.io' }, '', [
      {
        field: 'fieldManager',
        message: 'Required value: is required for apply patch',
        reason: 'FieldValueRequired',
      },
    ]);
  }
  const parsed = parseYamlOrJson(body.toString('utf8'));
  if (!isPlainObject(parsed))
    throw errors.badRequest('error decoding YAML: the applied configuration must be an object');
  if (!parsed.apiVersion) throw errors.badRequest('invalid object type: apiVersion must be set');
  if (!parsed.kind) throw errors.badRequest('invalid object type: kind must be set');
  const applied = placeObject(target, asObject(parsed), target.name);
  if (applied.metadata.managedFields !== undefined) {
    throw errors.badRequest('metadata.managedFields must be nil');
  }
  const live = cluster.store.get(
    target.key,
    target.info.namespaced ? target.namespace : undefined,
    target.name!,
  );
  if (!live && target.subresource) throw errors.notFound(target.info, target.name!);
  const merged = serverSideApply({
    info: target.info,
    live,
    applied,
    manager: opts.manager,
    force: opts.force,
    subresource: target.subresource,
  });
  if (!live) {
    const managedFields = merged.metadata.managedFields as never;
    return { object: createObject(cluster, target, merged, { ...opts, managedFields }), code: 201 };
  }
  const expected = applied.metadata.resourceVersion;
  if (expected && expected !== live.metadata.resourceVersion)
    throw errors.conflict(target.info, live.metadata.name);
  merged.metadata.resourceVersion = live.metadata.resourceVersion;
  const managedFields = (merged.metadata.managedFields ?? null) as never;
  return {
    object: updateObject(cluster, target, live, merged, { ...opts, managedFields }),
    code: 200,
  };
}
