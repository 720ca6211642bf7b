// What the rendered manifests of a release ask of the cluster: the pod
// templates (with replicas and labels), the Secrets and ConfigMaps they
// reference, and their resource requests and limits.
import { parseAllDocuments } from 'yaml';

export type TObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
};

export type TPodTemplate = {
  owner: string;
  replicas: number;
  labels: Record<string, string>;
  spec: Record<string, unknown>;
};

export function parseManifests(text: string): TObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter(
      (o): o is TObject =>
        typeof o === 'object' && o !== null && typeof (o as TObject).kind === 'string',
    );
}

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const arr = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.map(obj) : []);

/** Pod templates of workloads; hook objects (tests, migrations) are left out: they are not the release serving. */
export function podTemplates(objects: TObject[]): TPodTemplate[] {
  const out: TPodTemplate[] = [];
  for (const o of objects) {
    if (o.metadata?.annotations?.['helm.sh/hook']) continue;
    const owner = `${o.kind}/${o.metadata?.name ?? ''}`;
    const spec = obj(o.spec);
    if (['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet'].includes(o.kind ?? '')) {
      const template = obj(spec.template);
      out.push({
        owner,
        replicas: typeof spec.replicas === 'number' ? spec.replicas : 1,
        labels: obj(obj(template.metadata).labels) as Record<string, string>,
        spec: obj(template.spec),
      });
    } else if (o.kind === 'Pod') {
      out.push({ owner, replicas: 1, labels: o.metadata?.labels ?? {}, spec });
    }
  }
  return out;
}

export type TReference = { kind: 'Secret' | 'ConfigMap'; name: string; from: string };

/** Secrets and ConfigMaps a pod spec needs (env, envFrom, volumes), optional ones left out. */
export function references(t: TPodTemplate): TReference[] {
  const refs: TReference[] = [];
  const add = (kind: TReference['kind'], name: unknown, optional: unknown, from: string) => {
    if (typeof name === 'string' && name !== '' && optional !== true)
      refs.push({ kind, name, from: `${t.owner} ${from}` });
  };
  for (const c of [...arr(t.spec.initContainers), ...arr(t.spec.containers)]) {
    const where = `container ${String(c.name ?? '')}`;
    for (const e of arr(c.env)) {
      const from = obj(e.valueFrom);
      const s = obj(from.secretKeyRef);
      const m = obj(from.configMapKeyRef);
      add('Secret', s.name, s.optional, `${where} env ${String(e.name ?? '')}`);
      add('ConfigMap', m.name, m.optional, `${where} env ${String(e.name ?? '')}`);
    }
    for (const e of arr(c.envFrom)) {
      const s = obj(e.secretRef);
      const m = obj(e.configMapRef);
      add('Secret', s.name, s.optional, `${where} envFrom`);
      add('ConfigMap', m.name, m.optional, `${where} envFrom`);
    }
  }
  for (const v of arr(t.spec.volumes)) {
    const where = `volume ${String(v.name ?? '')}`;
    const s = obj(v.secret);
    const m = obj(v.configMap);
    add('Secret', s.secretName, s.optional, where);
    add('ConfigMap', m.name, m.optional, where);
    for (const src of arr(obj(v.projected).sources)) {
      add('Secret', obj(src.secret).name, obj(src.secret).optional, where);
      add('ConfigMap', obj(src.configMap).name, obj(src.configMap).optional, where);
    }
  }
  return refs;
}

const SUFFIX: Record<string, number> = {
  m: 1e-3,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
};

/** A Kubernetes quantity ("100m", "128Mi", "1.5", "2G") as a number; NaN when unreadable. */
export function parseQuantity(q: unknown): number {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return NaN;
  const m = /^([+-]?\d+(?:\.\d+)?)(?:e([+-]?\d+))?([a-zA-Z]{0,2})$/.exec(q.trim());
  if (!m) return NaN;
  const base = Number(m[1]) * (m[2] ? 10 ** Number(m[2]) : 1);
  if (!m[3]) return base;
  const factor = SUFFIX[m[3]];
  return factor === undefined ? NaN : base * factor;
}

/** Resource names as ResourceQuota spells them (requests.cpu, limits.memory, pods). */
export function resourceTotals(templates: TPodTemplate[]): Record<string, number> {
  const totals: Record<string, number> = { pods: 0 };
  const addTo = (key: string, v: number) => (totals[key] = (totals[key] ?? 0) + v);
  for (const t of templates) {
    addTo('pods', t.replicas);
    for (const c of arr(t.spec.containers)) {
      const res = obj(c.resources);
      for (const [kind, values] of [
        ['requests', obj(res.requests)],
        ['limits', obj(res.limits)],
      ] as const)
        for (const [name, q] of Object.entries(values)) {
          const n = parseQuantity(q);
          if (Number.isFinite(n)) addTo(`${kind}.${name}`, n * t.replicas);
        }
    }
  }
  // The quota's bare cpu/memory mean requests.
  if (totals['requests.cpu'] !== undefined) totals.cpu = totals['requests.cpu'];
  if (totals['requests.memory'] !== undefined) totals.memory = totals['requests.memory'];
  return totals;
}

type TSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
};

/** Whether a label selector (as in NetworkPolicy.spec.podSelector) matches these labels; {} matches all. */
export function selectorMatches(
  selector: TSelector | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {}))
    if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const value = labels[e.key];
    const inValues = value !== undefined && (e.values ?? []).includes(value);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}
