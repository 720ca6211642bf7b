// The scale subresource (autoscaling/v1 Scale) of workloads and of custom
// resources that declare one.
import type { KObject } from '../store';
import type { TCluster, TTarget, TWriteOptions } from './context';
import { getCurrent, updateObject } from './objects';
import { applyJsonPatch, applyMergePatch } from './patch-json';
import { PATCH_TYPES } from './patch';
import { applyStrategicPatch } from './patch-strategic';
import { isPlainObject } from './schema';
import { labelSelectorString } from './selectors';
import { errors } from './status';
import { parseJson } from './body';

function pathParts(jsonPath: string): string[] {
  return jsonPath.replace(/^\./, '').split('.');
}

function read(obj: unknown, jsonPath: string): unknown {
  let cur = obj;
  for (const p of pathParts(jsonPath)) cur = isPlainObject(cur) ? cur[p] : undefined;
  return cur;
}

function write(obj: Record<string, unknown>, jsonPath: string, value: unknown): void {
  const parts = pathParts(jsonPath);
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
}

function paths(target: TTarget) {
  return (
    target.info.scale ?? {
      specReplicasPath: '.spec.replicas',
      statusReplicasPath: '.status.replicas',
      labelSelectorPath: undefined,
    }
  );
}

export function scaleOf(target: TTarget, obj: KObject): KObject {
  const p = paths(target);
  const selector = p.labelSelectorPath
    ? read(obj, p.labelSelectorPath)
    : labelSelectorString((obj.spec as { selector?: unknown } | undefined)?.selector);
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: (read(obj, p.specReplicasPath) as number | undefined) ?? 0 },
    status: {
      replicas: (read(obj, p.statusReplicasPath) as number | undefined) ?? 0,
      ...(selector ? { selector } : {}),
    },
  };
}

function setReplicas(
  cluster: TCluster,
  target: TTarget,
  current: KObject,
  scale: unknown,
  opts: TWriteOptions,
): KObject {
  const replicas =
    isPlainObject(scale) && isPlainObject(scale.spec) ? scale.spec.replicas : undefined;
  if (typeof replicas !== 'number' || replicas < 0 || !Number.isInteger(replicas)) {
    throw errors.invalid({ kind: 'Scale', group: 'autoscaling' }, current.metadata.name, [
      {
        field: 'spec.replicas',
        message: `Invalid value: ${String(replicas)}: must be greater than or equal to 0`,
      },
    ]);
  }
  const rv =
    isPlainObject(scale) && isPlainObject(scale.metadata)
      ? scale.metadata.resourceVersion
      : undefined;
  if (rv && rv !== current.metadata.resourceVersion)
    throw errors.conflict(target.info, current.metadata.name);
  const next = structuredClone(current);
  write(next, paths(target).specReplicasPath, replicas);
  const main = { ...target, subresource: undefined };
  return scaleOf(target, updateObject(cluster, main, current, next, opts));
}

export function getScale(cluster: TCluster, target: TTarget): KObject {
  return scaleOf(target, getCurrent(cluster, target));
}

export function putScale(
  cluster: TCluster,
  target: TTarget,
  body: Record<string, unknown>,
  opts: TWriteOptions,
): KObject {
  return setReplicas(cluster, target, getCurrent(cluster, target), body, opts);
}

export function patchScale(
  cluster: TCluster,
  target: TTarget,
  contentType: string,
  body: Buffer,
  opts: TWriteOptions,
): KObject {
  const current = getCurrent(cluster, target);
  const scale = scaleOf(target, current);
  const patch = parseJson(body.toString('utf8'));
  let result: unknown;
  if (contentType === PATCH_TYPES.json) result = applyJsonPatch(scale, patch);
  else if (contentType === PATCH_TYPES.merge) result = applyMergePatch(scale, patch);
  else if (contentType === PATCH_TYPES.strategic)
    result = applyStrategicPatch(scale, patch, { kind: 'Scale', custom: false });
  else
    throw errors.unsupportedMediaType(contentType, [
      PATCH_TYPES.json,
      PATCH_TYPES.merge,
      PATCH_TYPES.strategic,
    ]);
  if (
    isPlainObject(result) &&
    isPlainObject(result.metadata) &&
    result.metadata.resourceVersion === scale.metadata.resourceVersion
  ) {
    delete result.metadata.resourceVersion;
  }
  return setReplicas(cluster, target, current, result, opts);
}
