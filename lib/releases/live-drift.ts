// Live drift: the fields a release's chart sets, compared with the objects
// running in the cluster. Only paths the rendered manifest sets are looked
// at, so everything the API server defaults and controllers write (status,
// clusterIP, annotations, a restart stamp) is ignored by construction; the
// replicas of a workload an HPA of the same release scales are skipped too.
import { createHash } from 'node:crypto';
import { load } from 'js-yaml';
import { isClusterScoped, type TManifestResource } from './manifest';

/** Kinds compared, with the parts of the object that hold what the chart asks for. */
export const DRIFT_KINDS: Record<string, readonly string[]> = {
  Deployment: ['spec'],
  StatefulSet: ['spec'],
  DaemonSet: ['spec'],
  Service: ['spec'],
  Ingress: ['spec'],
  ConfigMap: ['data', 'binaryData'],
};

/** One object's chart-set fields: path -> canonical value (long values as a digest). */
export type TDesiredObject = {
  kind: string;
  namespace: string;
  name: string;
  fields: [path: string, value: string][];
};

export type TFieldDrift = { path: string; chart: string; live: string | null };

export type TObjectDrift = {
  kind: string;
  namespace: string;
  name: string;
  /** The object the chart made is gone from the cluster. */
  missing: boolean;
  fields: TFieldDrift[];
};

type TObj = Record<string, unknown>;
const isRecord = (v: unknown): v is TObj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// Values longer than this are kept as a digest: a ConfigMap file needs no copy in memory.
const MAX_KEPT = 64;

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|n|u)?$/;
const FACTOR: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** `0.5` and `500m` are the same CPU: the API server rewrites quantities in its own form. */
function quantity(v: string): string {
  const m = QUANTITY.exec(v);
  if (!m) return v;
  return String(Number((Number(m[1]) * (FACTOR[m[2] ?? ''] ?? 1)).toPrecision(12)));
}

const isQuantityPath = (path: string) => /\.resources\.(limits|requests)\./.test(path);

/** The form two values are compared in: text, quantities normalised, long ones digested. */
export function canonical(path: string, v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  const norm = isQuantityPath(path) ? quantity(text) : text;
  if (norm.length <= MAX_KEPT) return norm;
  return `sha256:${createHash('sha256').update(norm).digest('hex').slice(0, 16)}`;
}

// Lists of named items (containers, env, ports, volumes) are matched by name, so order is not drift.
function segmentOf(list: unknown[], i: number): string {
  const named = list.every((x) => isRecord(x) && typeof x.name === 'string');
  return named ? `[${(list[i] as TObj).name as string}]` : `[${i}]`;
}

function flatten(v: unknown, path: string, out: Map<string, unknown>): void {
  if (v === null || v === undefined) return;
  if (Array.isArray(v)) {
    v.forEach((x, i) => flatten(x, `${path}${segmentOf(v, i)}`, out));
    return;
  }
  if (isRecord(v)) {
    for (const [k, x] of Object.entries(v)) flatten(x, `${path}.${k}`, out);
    return;
  }
  out.set(path, v);
}

function leaves(kind: string, obj: TObj): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const root of DRIFT_KINDS[kind] ?? []) flatten(obj[root], root, out);
  return out;
}

/** Workloads an HPA of the release scales: their replicas are the HPA's, not the chart's. */
function autoscaled(resources: readonly TManifestResource[]): Set<string> {
  const out = new Set<string>();
  for (const r of resources) {
    if (r.kind !== 'HorizontalPodAutoscaler') continue;
    const target = isRecord(r.object.spec) ? r.object.spec.scaleTargetRef : undefined;
    if (isRecord(target) && typeof target.kind === 'string' && typeof target.name === 'string')
      out.add(`${target.kind}/${r.namespace}/${target.name}`);
  }
  return out;
}

/** What the chart set on each compared object of a rendered manifest. */
export function desiredObjects(resources: readonly TManifestResource[]): TDesiredObject[] {
  const scaled = autoscaled(resources);
  return resources
    .filter((r) => r.kind in DRIFT_KINDS && r.name)
    .map((r) => {
      const fields: [string, string][] = [];
      for (const [path, v] of leaves(r.kind, r.object)) {
        if (path === 'spec.replicas' && scaled.has(`${r.kind}/${r.namespace}/${r.name}`)) continue;
        fields.push([path, canonical(path, v)]);
      }
      return { kind: r.kind, namespace: r.namespace, name: r.name, fields };
    });
}

// Same separator helm's releaseutil.SplitManifests uses.
const DOC_SEPARATOR = /^---[ \t]*(?:#.*)?$/m;
const KIND_LINE = /^kind:[ \t]*["']?([A-Za-z]+)["']?[ \t]*(?:#.*)?$/m;

/**
 * The compared objects of a rendered manifest, parsed with js-yaml: several
 * times faster than the full YAML 1.1 reader the manifest view uses, which
 * matters when every release's manifest is read after a start. The YAML 1.1
 * readings it differs on (`yes`, `0644`) are allowed for when comparing.
 */
export function driftResources(manifest: string, namespace: string): TManifestResource[] {
  const out: TManifestResource[] = [];
  for (const doc of manifest.split(DOC_SEPARATOR)) {
    const kind = KIND_LINE.exec(doc)?.[1];
    // HPAs decide which replicas are not the chart's; other kinds are not compared.
    if (!kind || !(kind in DRIFT_KINDS || kind === 'HorizontalPodAutoscaler')) continue;
    let obj: unknown;
    try {
      obj = load(doc);
    } catch {
      continue; // helm wrote it, so Kubernetes read it; a document we cannot read is not compared.
    }
    if (!isRecord(obj) || obj.kind !== kind) continue;
    const meta = isRecord(obj.metadata) ? obj.metadata : {};
    const name = typeof meta.name === 'string' ? meta.name : '';
    const ns = isClusterScoped(kind)
      ? ''
      : typeof meta.namespace === 'string' && meta.namespace
        ? meta.namespace
        : namespace;
    const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
    const key = `${kind}/${ns}/${name}`;
    out.push({ key, apiVersion, kind, namespace: ns, name, source: null, object: obj });
  }
  return out;
}

const YAML11_TRUE = new Set(['y', 'yes', 'on']);
const YAML11_FALSE = new Set(['n', 'no', 'off']);

/** Equal, or equal as Kubernetes' YAML 1.1 reader took the chart's text (`yes` is true, a `0644` mode octal). */
function same(path: string, chart: string, live: string | null): boolean {
  if (chart === live) return true;
  if (live === 'true') return YAML11_TRUE.has(chart.toLowerCase());
  if (live === 'false') return YAML11_FALSE.has(chart.toLowerCase());
  const mode = /[mM]ode$/.test(path) && /^[0-7]+$/.test(chart);
  return mode && String(parseInt(chart, 8)) === live;
}

/** How one live object (null: gone) differs from what the chart set; null when it does not. */
export function driftOf(desired: TDesiredObject, live: TObj | null): TObjectDrift | null {
  const base = { kind: desired.kind, namespace: desired.namespace, name: desired.name };
  if (!live) return { ...base, missing: true, fields: [] };
  const held = leaves(desired.kind, live);
  const fields: TFieldDrift[] = [];
  for (const [path, chart] of desired.fields) {
    const v = held.get(path);
    const now = v === undefined ? null : canonical(path, v);
    if (!same(path, chart, now)) fields.push({ path, chart, live: now });
  }
  return fields.length > 0 ? { ...base, missing: false, fields } : null;
}

/** Every compared object of a release that differs from its chart, given a lookup of live objects. */
export function liveDrift(
  desired: readonly TDesiredObject[],
  liveOf: (kind: string, namespace: string, name: string) => TObj | null,
): TObjectDrift[] {
  return desired.flatMap((d) => {
    const found = driftOf(d, liveOf(d.kind, d.namespace, d.name));
    return found ? [found] : [];
  });
}
