// Column definitions and cells per built-in kind, following the real
// apiserver's printers (pkg/printers/internalversion).
import type { KObject } from '../store';
import type { TColumn } from './table';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** 5s, 3m2s, 4h, 2d3h: the age format kubectl shows. */
export function humanAge(timestamp: unknown, now = Date.now()): string {
  if (typeof timestamp !== 'string') return '<unknown>';
  const s = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 ? `${d}d${h % 24}h` : `${d}d`;
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

const col = (name: string, type = 'string', priority = 0): TColumn => ({
  name,
  type,
  priority,
  description: '',
});
const NAME: TColumn = {
  name: 'Name',
  type: 'string',
  format: 'name',
  priority: 0,
  description: 'Name must be unique within a namespace.',
};
const AGE = col('Age');
const age = (o: KObject) => humanAge(o.metadata.creationTimestamp);
const spec = (o: KObject): Rec => (o.spec ?? {}) as Rec;
const status = (o: KObject): Rec => (o.status ?? {}) as Rec;
const containers = (o: KObject): Rec[] => spec(o).template?.spec?.containers ?? [];
const selectorText = (sel: Rec | undefined) =>
  Object.entries((sel?.matchLabels ?? {}) as Rec)
    .map(([k, v]) => `${k}=${v}`)
    .join(',') || '<none>';

function podStatus(o: KObject): string {
  if (o.metadata.deletionTimestamp) return 'Terminating';
  const st = status(o);
  let reason: string = st.reason ?? st.phase ?? 'Unknown';
  for (const c of (st.containerStatuses ?? []) as Rec[]) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state?.terminated)
      reason = c.state.terminated.exitCode === 0 ? 'Completed' : 'Error';
  }
  return reason;
}

function podRestarts(o: KObject): string {
  const list = (status(o).containerStatuses ?? []) as Rec[];
  const restarts = list.reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
  const last = list
    .map((c) => c.lastState?.terminated?.finishedAt as string | undefined)
    .filter(Boolean)
    .sort()
    .pop();
  return last && restarts ? `${restarts} (${humanAge(last)} ago)` : String(restarts);
}

function ports(o: KObject): string {
  const list = (spec(o).ports ?? []) as Rec[];
  if (!list.length) return '<none>';
  return list
    .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
    .join(',');
}

export const TABLE_COLUMNS: Record<
  string,
  { columns: TColumn[]; cells: (o: KObject) => unknown[] }
> = {
  pods: {
    columns: [
      NAME,
      col('Ready'),
      col('Status'),
      col('Restarts'),
      AGE,
      col('IP', 'string', 1),
      col('Node', 'string', 1),
      col('Nominated Node', 'string', 1),
      col('Readiness Gates', 'string', 1),
    ],
    cells: (o) => {
      const cs = (status(o).containerStatuses ?? []) as Rec[];
      const total = ((spec(o).containers ?? []) as Rec[]).length;
      return [
        o.metadata.name,
        `${cs.filter((c) => c.ready).length}/${total}`,
        podStatus(o),
        podRestarts(o),
        age(o),
        status(o).podIP ?? '<none>',
        spec(o).nodeName ?? '<none>',
        '<none>',
        '<none>',
      ];
    },
  },
  'deployments.apps': {
    columns: [
      NAME,
      col('Ready'),
      col('Up-to-date', 'integer'),
      col('Available', 'integer'),
      AGE,
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    cells: (o) => [
      o.metadata.name,
      `${status(o).readyReplicas ?? 0}/${spec(o).replicas ?? 0}`,
      status(o).updatedReplicas ?? 0,
      status(o).availableReplicas ?? 0,
      age(o),
      containers(o)
        .map((c) => c.name)
        .join(','),
      containers(o)
        .map((c) => c.image)
        .join(','),
      selectorText(spec(o).selector),
    ],
  },
  'replicasets.apps': {
    columns: [
      NAME,
      col('Desired', 'integer'),
      col('Current', 'integer'),
      col('Ready', 'integer'),
      AGE,
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    cells: (o) => [
      o.metadata.name,
      spec(o).replicas ?? 0,
      status(o).replicas ?? 0,
      status(o).readyReplicas ?? 0,
      age(o),
      containers(o)
        .map((c) => c.name)
        .join(','),
      containers(o)
        .map((c) => c.image)
        .join(','),
      selectorText(spec(o).selector),
    ],
  },
  'statefulsets.apps': {
    columns: [NAME, col('Ready'), AGE, col('Containers', 'string', 1), col('Images', 'string', 1)],
    cells: (o) => [
      o.metadata.name,
      `${status(o).readyReplicas ?? 0}/${spec(o).replicas ?? 0}`,
      age(o),
      containers(o)
        .map((c) => c.name)
        .join(','),
      containers(o)
        .map((c) => c.image)
        .join(','),
    ],
  },
  'daemonsets.apps': {
    columns: [
      NAME,
      col('Desired', 'integer'),
      col('Current', 'integer'),
      col('Ready', 'integer'),
      col('Up-to-date', 'integer'),
      col('Available', 'integer'),
      col('Node Selector'),
      AGE,
    ],
    cells: (o) => {
      const s = status(o);
      const ns =
        Object.entries((spec(o).template?.spec?.nodeSelector ?? {}) as Rec)
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || '<none>';
      return [
        o.metadata.name,
        s.desiredNumberScheduled ?? 0,
        s.currentNumberScheduled ?? 0,
        s.numberReady ?? 0,
        s.updatedNumberScheduled ?? 0,
        s.numberAvailable ?? 0,
        ns,
        age(o),
      ];
    },
  },
  services: {
    columns: [
      NAME,
      col('Type'),
      col('Cluster-IP'),
      col('External-IP'),
      col('Port(s)'),
      AGE,
      col('Selector', 'string', 1),
    ],
    cells: (o) => [
      o.metadata.name,
      spec(o).type ?? 'ClusterIP',
      spec(o).clusterIP ?? '<none>',
      spec(o).externalName ??
        (((status(o).loadBalancer?.ingress ?? []) as Rec[])
          .map((i) => i.ip ?? i.hostname)
          .join(',') ||
          '<none>'),
      ports(o),
      age(o),
      Object.entries((spec(o).selector ?? {}) as Rec)
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || '<none>',
    ],
  },
  endpoints: {
    columns: [NAME, col('Endpoints'), AGE],
    cells: (o) => {
      const subsets = (o.subsets ?? []) as Rec[];
      const eps = subsets.flatMap((s) =>
        ((s.addresses ?? []) as Rec[]).flatMap((a) =>
          ((s.ports ?? [{}]) as Rec[]).map((p) => (p.port ? `${a.ip}:${p.port}` : a.ip)),
        ),
      );
      return [o.metadata.name, eps.join(',') || '<none>', age(o)];
    },
  },
  configmaps: {
    columns: [NAME, col('Data', 'integer'), AGE],
    cells: (o) => [
      o.metadata.name,
      Object.keys((o.data ?? {}) as Rec).length + Object.keys((o.binaryData ?? {}) as Rec).length,
      age(o),
    ],
  },
  secrets: {
    columns: [NAME, col('Type'), col('Data', 'integer'), AGE],
    cells: (o) => [
      o.metadata.name,
      o.type ?? 'Opaque',
      Object.keys((o.data ?? {}) as Rec).length,
      age(o),
    ],
  },
  nodes: {
    columns: [
      NAME,
      col('Status'),
      col('Roles'),
      AGE,
      col('Version'),
      col('Internal-IP', 'string', 1),
      col('External-IP', 'string', 1),
      col('OS-Image', 'string', 1),
      col('Kernel-Version', 'string', 1),
      col('Container-Runtime', 'string', 1),
    ],
    cells: (o) => {
      const ready = ((status(o).conditions ?? []) as Rec[]).find((c) => c.type === 'Ready');
      const roles =
        Object.keys(o.metadata.labels ?? {})
          .filter((l) => l.startsWith('node-role.kubernetes.io/'))
          .map((l) => l.slice(24))
          .join(',') || '<none>';
      const ip =
        ((status(o).addresses ?? []) as Rec[]).find((a) => a.type === 'InternalIP')?.address ??
        '<none>';
      const info = (status(o).nodeInfo ?? {}) as Rec;
      return [
        o.metadata.name,
        ready?.status === 'True' ? 'Ready' : 'NotReady',
        roles,
        age(o),
        info.kubeletVersion ?? '',
        ip,
        '<none>',
        info.osImage ?? '',
        info.kernelVersion ?? '',
        info.containerRuntimeVersion ?? '',
      ];
    },
  },
  namespaces: {
    columns: [NAME, col('Status'), AGE],
    cells: (o) => [o.metadata.name, status(o).phase ?? 'Active', age(o)],
  },
  'jobs.batch': {
    columns: [
      NAME,
      col('Status'),
      col('Completions'),
      col('Duration'),
      AGE,
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    cells: (o) => {
      const s = status(o);
      const conds = (s.conditions ?? []) as Rec[];
      const state = conds.find((c) => c.type === 'Complete' && c.status === 'True')
        ? 'Complete'
        : conds.find((c) => c.type === 'Failed' && c.status === 'True')
          ? 'Failed'
          : 'Running';
      const start = s.startTime ? Date.parse(s.startTime) : undefined;
      const end = s.completionTime ? Date.parse(s.completionTime) : Date.now();
      const duration = start ? humanAge(new Date(start).toISOString(), end) : '';
      return [
        o.metadata.name,
        state,
        `${s.succeeded ?? 0}/${spec(o).completions ?? 1}`,
        duration,
        age(o),
        containers(o)
          .map((c) => c.name)
          .join(','),
        containers(o)
          .map((c) => c.image)
          .join(','),
        selectorText(spec(o).selector),
      ];
    },
  },
  'cronjobs.batch': {
    columns: [
      NAME,
      col('Schedule'),
      col('Timezone'),
      col('Suspend', 'boolean'),
      col('Active', 'integer'),
      col('Last Schedule'),
      AGE,
    ],
    cells: (o) => [
      o.metadata.name,
      spec(o).schedule ?? '',
      spec(o).timeZone ?? '<none>',
      Boolean(spec(o).suspend),
      ((status(o).active ?? []) as Rec[]).length,
      status(o).lastScheduleTime ? humanAge(status(o).lastScheduleTime) : '<none>',
      age(o),
    ],
  },
  'ingresses.networking.k8s.io': {
    columns: [NAME, col('Class'), col('Hosts'), col('Address'), col('Ports'), AGE],
    cells: (o) => {
      const rules = (spec(o).rules ?? []) as Rec[];
      const hosts =
        rules
          .map((r) => r.host)
          .filter(Boolean)
          .join(',') || '*';
      const address = ((status(o).loadBalancer?.ingress ?? []) as Rec[])
        .map((i) => i.ip ?? i.hostname)
        .join(',');
      return [
        o.metadata.name,
        spec(o).ingressClassName ?? '<none>',
        hosts,
        address,
        spec(o).tls?.length ? '80, 443' : '80',
        age(o),
      ];
    },
  },
  'horizontalpodautoscalers.autoscaling': {
    columns: [
      NAME,
      col('Reference'),
      col('Targets'),
      col('MinPods', 'integer'),
      col('MaxPods', 'integer'),
      col('Replicas', 'integer'),
      AGE,
    ],
    cells: (o) => [
      o.metadata.name,
      `${spec(o).scaleTargetRef?.kind}/${spec(o).scaleTargetRef?.name}`,
      '<unknown>',
      spec(o).minReplicas ?? 1,
      spec(o).maxReplicas ?? 0,
      status(o).currentReplicas ?? 0,
      age(o),
    ],
  },
  'poddisruptionbudgets.policy': {
    columns: [
      NAME,
      col('Min Available'),
      col('Max Unavailable'),
      col('Allowed Disruptions', 'integer'),
      AGE,
    ],
    cells: (o) => [
      o.metadata.name,
      spec(o).minAvailable ?? 'N/A',
      spec(o).maxUnavailable ?? 'N/A',
      status(o).disruptionsAllowed ?? 0,
      age(o),
    ],
  },
  persistentvolumeclaims: {
    columns: [
      NAME,
      col('Status'),
      col('Volume'),
      col('Capacity'),
      col('Access Modes'),
      col('StorageClass'),
      col('VolumeAttributesClass'),
      AGE,
    ],
    cells: (o) => [
      o.metadata.name,
      status(o).phase ?? 'Pending',
      spec(o).volumeName ?? '',
      status(o).capacity?.storage ?? '',
      ((status(o).accessModes ?? []) as string[])
        .map(
          (m) =>
            ({
              ReadWriteOnce: 'RWO',
              ReadOnlyMany: 'ROX',
              ReadWriteMany: 'RWX',
              ReadWriteOncePod: 'RWOP',
            })[m] ?? m,
        )
        .join(','),
      spec(o).storageClassName ?? '<unset>',
      '<unset>',
      age(o),
    ],
  },
  events: {
    columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), col('Message')],
    cells: (o) => {
      const e = o as Rec;
      const seen = e.lastTimestamp ?? e.eventTime ?? o.metadata.creationTimestamp;
      return [
        humanAge(seen),
        e.type ?? '',
        e.reason ?? '',
        `${String(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`,
        e.message ?? '',
      ];
    },
  },
  'customresourcedefinitions.apiextensions.k8s.io': {
    columns: [NAME, col('Created At', 'date')],
    cells: (o) => [o.metadata.name, o.metadata.creationTimestamp],
  },
};
