// Small helpers shared by the controllers: time, owners, selectors, hashes.
import { randomInt } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { KObject, OwnerReference, Store } from '../store';

export const NODE_NAME = 'sandbox-node-1';
export const NODE_IP = '172.18.0.2';

export interface TNode {
  name: string;
  ip: string;
  labels: Record<string, string>;
}

/** The node pods run on: the cluster's first Node (the sandbox registers one), or a default. */
export function schedulingNode(store: Store): TNode {
  const node = store.list('nodes').find((n) => !n.metadata.deletionTimestamp);
  if (!node)
    return {
      name: NODE_NAME,
      ip: NODE_IP,
      labels: { 'kubernetes.io/hostname': NODE_NAME, 'kubernetes.io/os': 'linux' },
    };
  const address = asArr(asObj(node.status).addresses).find((a) => a.type === 'InternalIP');
  return {
    name: node.metadata.name,
    ip: typeof address?.address === 'string' ? address.address : NODE_IP,
    labels: node.metadata.labels ?? {},
  };
}

/** RFC 3339 at second precision, as the API server writes timestamps. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export type Obj = Record<string, unknown>;

export function asObj(value: unknown): Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
}

export function asArr(value: unknown): Obj[] {
  return Array.isArray(value) ? value.map(asObj) : [];
}

export function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function spec(obj: KObject): Obj {
  return asObj(obj.spec);
}

export function status(obj: KObject): Obj {
  return asObj(obj.status);
}

export function controllerOf(obj: KObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

export function isOwnedBy(obj: KObject, owner: KObject): boolean {
  return controllerOf(obj)?.uid === owner.metadata.uid;
}

export function ownerRef(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Objects of `resource` in the owner's namespace that it controls, live ones only, as copies. */
export function ownedBy(store: Store, resource: string, owner: KObject): KObject[] {
  return store.list(
    resource,
    owner.metadata.namespace,
    (o) => isOwnedBy(o, owner) && !o.metadata.deletionTimestamp,
  );
}

/** Writes `next` only when it differs from `current`, so a converged controller never writes. */
export function writeIfChanged(
  store: Store,
  resource: string,
  current: KObject,
  next: KObject,
): KObject {
  if (isDeepStrictEqual(current, next)) return current;
  return store.update(resource, next);
}

/** Sets `status`, dropping undefined fields, and writes when it changed. */
export function writeStatus(
  store: Store,
  resource: string,
  obj: KObject,
  nextStatus: Obj,
): KObject {
  const clean = JSON.parse(JSON.stringify(nextStatus)) as Obj;
  return writeIfChanged(store, resource, obj, { ...obj, status: clean });
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A Kubernetes label selector; an empty or missing one matches nothing (as for workloads). */
export function matchesSelector(
  labels: Record<string, string> | undefined,
  selector: unknown,
): boolean {
  const sel = asObj(selector) as LabelSelector;
  const l = labels ?? {};
  const ml = sel.matchLabels ?? {};
  const exprs = sel.matchExpressions ?? [];
  if (Object.keys(ml).length === 0 && exprs.length === 0) return false;
  for (const [k, v] of Object.entries(ml)) if (l[k] !== v) return false;
  for (const e of exprs) {
    const has = e.key in l;
    const value = l[e.key];
    const values = e.values ?? [];
    if (e.operator === 'In' && !(has && values.includes(value ?? ''))) return false;
    if (e.operator === 'NotIn' && has && values.includes(value ?? '')) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** A Service's plain map selector. */
export function matchesMap(
  labels: Record<string, string> | undefined,
  selector: Record<string, string>,
): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The random 5-character suffix Kubernetes gives generated names. */
export function randomSuffix(length = 5): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += SAFE_ALPHABET[randomInt(SAFE_ALPHABET.length)];
  return out;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Obj)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Like the pod-template-hash: fnv32a of the template, spelled in the safe alphabet. */
export function templateHash(value: unknown): string {
  let hash = 0x811c9dc5;
  const text = canonical(value);
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return [...String(hash)]
    .map((d) => SAFE_ALPHABET[d.charCodeAt(0) % SAFE_ALPHABET.length])
    .join('');
}

/** An int-or-percent value (maxSurge, maxUnavailable, minAvailable) against a total. */
export function scaledValue(
  value: unknown,
  total: number,
  roundUp: boolean,
  fallback: number,
): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.endsWith('%')) {
    const pct = Number(value.slice(0, -1));
    if (Number.isNaN(pct)) return fallback;
    const raw = (pct * total) / 100;
    return roundUp ? Math.ceil(raw) : Math.floor(raw);
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return fallback;
}

/** Pod spec fields the API server would have defaulted, for pods the controllers create. */
export function podSpecDefaults(podSpec: Obj): Obj {
  const containers = asArr(podSpec.containers).map((c) => ({
    imagePullPolicy:
      String(c.image ?? '').endsWith(':latest') || !String(c.image ?? '').includes(':')
        ? 'Always'
        : 'IfNotPresent',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    resources: {},
    ...c,
  }));
  return {
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default',
    securityContext: {},
    schedulerName: 'default-scheduler',
    enableServiceLinks: true,
    ...podSpec,
    containers,
  };
}

export function podIsReady(pod: KObject): boolean {
  return asArr(status(pod).conditions).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Ready for at least minReadySeconds; returns when that will be true when not yet. */
export function podAvailable(
  pod: KObject,
  minReadySeconds: number,
  now: number,
): { available: boolean; at?: number } {
  const ready = asArr(status(pod).conditions).find(
    (c) => c.type === 'Ready' && c.status === 'True',
  );
  if (!ready) return { available: false };
  if (minReadySeconds <= 0) return { available: true };
  const since = parseTime(ready.lastTransitionTime) ?? now;
  const at = since + minReadySeconds * 1000;
  return at <= now ? { available: true } : { available: false, at };
}

export function isTerminal(pod: KObject): boolean {
  const phase = status(pod).phase;
  return phase === 'Succeeded' || phase === 'Failed';
}
