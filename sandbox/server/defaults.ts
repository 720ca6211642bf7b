// Defaulting and the apiserver's own write-time behaviour: spec defaults
// (so objects look like a real cluster's), Secret stringData folding,
// Service cluster IPs, Namespace phase, CRD Established status.
import type { KObject, Store } from '../store';
import type { TResourceInfo } from '../resources';
import { isPlainObject } from './schema';

type Rec = Record<string, unknown>;

function setDefault(obj: Rec, key: string, value: unknown): void {
  if (obj[key] === undefined) obj[key] = value;
}

function defaultContainers(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const c of list) {
    if (!isPlainObject(c)) continue;
    setDefault(c, 'terminationMessagePath', '/dev/termination-log');
    setDefault(c, 'terminationMessagePolicy', 'File');
    const image = typeof c.image === 'string' ? c.image : '';
    const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
    setDefault(c, 'imagePullPolicy', tag === 'latest' ? 'Always' : 'IfNotPresent');
    if (Array.isArray(c.ports))
      for (const p of c.ports) if (isPlainObject(p)) setDefault(p, 'protocol', 'TCP');
  }
}

function defaultPodSpec(spec: unknown): void {
  if (!isPlainObject(spec)) return;
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'schedulerName', 'default-scheduler');
  setDefault(spec, 'securityContext', {});
  defaultContainers(spec.containers);
  defaultContainers(spec.initContainers);
}

function templateSpec(spec: Rec): unknown {
  return isPlainObject(spec.template) ? spec.template.spec : undefined;
}

/** Spec defaults, applied on every write as a real server's decoder does. */
export function applyDefaults(info: TResourceInfo, obj: KObject): void {
  const spec = isPlainObject(obj.spec) ? obj.spec : undefined;
  const key = info.group ? `${info.plural}.${info.group}` : info.plural;
  switch (key) {
    case 'secrets': {
      setDefault(obj, 'type', 'Opaque');
      if (isPlainObject(obj.stringData)) {
        const data = (obj.data ?? {}) as Rec;
        for (const [k, v] of Object.entries(obj.stringData))
          data[k] = Buffer.from(String(v)).toString('base64');
        obj.data = data;
        delete obj.stringData;
      }
      break;
    }
    case 'pods':
      defaultPodSpec(spec);
      break;
    case 'deployments.apps':
      if (!spec) break;
      setDefault(spec, 'replicas', 1);
      setDefault(spec, 'strategy', {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
      });
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'progressDeadlineSeconds', 600);
      defaultPodSpec(templateSpec(spec));
      break;
    case 'replicasets.apps':
    case 'statefulsets.apps':
    case 'daemonsets.apps':
      if (!spec) break;
      if (info.plural !== 'daemonsets') setDefault(spec, 'replicas', 1);
      if (info.plural === 'statefulsets') {
        setDefault(spec, 'podManagementPolicy', 'OrderedReady');
        setDefault(spec, 'updateStrategy', {
          type: 'RollingUpdate',
          rollingUpdate: { partition: 0 },
        });
        setDefault(spec, 'revisionHistoryLimit', 10);
      }
      if (info.plural === 'daemonsets') {
        setDefault(spec, 'updateStrategy', {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
        });
        setDefault(spec, 'revisionHistoryLimit', 10);
      }
      defaultPodSpec(templateSpec(spec));
      break;
    case 'jobs.batch':
      if (!spec) break;
      setDefault(spec, 'completions', 1);
      setDefault(spec, 'parallelism', 1);
      setDefault(spec, 'backoffLimit', 6);
      defaultPodSpec(templateSpec(spec));
      break;
    case 'services':
      if (!spec) break;
      setDefault(spec, 'type', 'ClusterIP');
      if (spec.type !== 'ExternalName') setDefault(spec, 'sessionAffinity', 'None');
      if (Array.isArray(spec.ports)) {
        for (const p of spec.ports) {
          if (!isPlainObject(p)) continue;
          setDefault(p, 'protocol', 'TCP');
          setDefault(p, 'targetPort', p.port);
        }
      }
      break;
    case 'namespaces':
      obj.metadata.labels = {
        ...(obj.metadata.labels ?? {}),
        'kubernetes.io/metadata.name': obj.metadata.name,
      };
      obj.spec = { finalizers: ['kubernetes'], ...(spec ?? {}) };
      break;
  }
}

function allocateClusterIP(store: Store): string {
  const used = new Set(store.list('services').map((s) => (s.spec as Rec | undefined)?.clusterIP));
  for (let i = 0; i < 65000; i++) {
    const n = 10 + Math.floor(Math.random() * 65000);
    const ip = `10.96.${n >> 8}.${n & 255}`;
    if (!used.has(ip) && (n & 255) !== 0) return ip;
  }
  throw new Error('no cluster IP left');
}

/** What a real apiserver adds when an object is first created. */
export function onCreate(info: TResourceInfo, obj: KObject, store: Store): void {
  const key = info.group ? `${info.plural}.${info.group}` : info.plural;
  const spec = isPlainObject(obj.spec) ? obj.spec : undefined;
  if (key === 'namespaces') obj.status = { phase: 'Active' };
  if (key === 'pods' && obj.status === undefined)
    obj.status = { phase: 'Pending', qosClass: 'BestEffort' };
  if (key === 'persistentvolumeclaims')
    obj.status = {
      phase: 'Bound',
      accessModes: (spec?.accessModes as unknown) ?? ['ReadWriteOnce'],
    };
  if (key === 'services' && spec && spec.type !== 'ExternalName') {
    if (spec.clusterIP === undefined || spec.clusterIP === '')
      spec.clusterIP = allocateClusterIP(store);
    if (spec.clusterIP !== 'None') setDefault(spec, 'clusterIPs', [spec.clusterIP]);
    setDefault(spec, 'ipFamilies', ['IPv4']);
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
    if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && Array.isArray(spec.ports)) {
      for (const p of spec.ports)
        if (isPlainObject(p)) setDefault(p, 'nodePort', 30000 + Math.floor(Math.random() * 2767));
    }
    obj.status = { loadBalancer: {} };
  }
}

/** A CRD is accepted and established at once (no name conflicts are checked). */
export function crdStatus(obj: KObject): void {
  const spec = (obj.spec ?? {}) as {
    names?: Rec;
    versions?: Array<{ name?: string; storage?: boolean }>;
  };
  const names = { ...(spec.names ?? {}) };
  if (typeof names.kind === 'string') {
    setDefault(names, 'singular', names.kind.toLowerCase());
    setDefault(names, 'listKind', `${names.kind}List`);
  }
  const previous = isPlainObject(obj.status) ? obj.status : {};
  const time =
    (previous.conditions as Array<{ lastTransitionTime?: string }> | undefined)?.[0]
      ?.lastTransitionTime ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const stored = spec.versions?.find((v) => v.storage)?.name;
  obj.status = {
    conditions: [
      {
        type: 'NamesAccepted',
        status: 'True',
        lastTransitionTime: time,
        reason: 'NoConflicts',
        message: 'no conflicts found',
      },
      {
        type: 'Established',
        status: 'True',
        lastTransitionTime: time,
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
      },
    ],
    acceptedNames: names,
    storedVersions: [
      ...new Set([
        ...((previous.storedVersions as string[] | undefined) ?? []),
        ...(stored ? [stored] : []),
      ]),
    ],
  };
}
