// One environment: its slice of the overview plus facts about its
// namespace on each cluster (quota use, warning events).
import type { TRawObject } from '@/lib/kube/list-watch';
import type { TDrift } from '@/lib/releases/drift';
import type { TMatrixRow } from '@/lib/releases/matrix';
import type { TClusterStatus } from './cluster-view';
import { NotFoundError } from './errors';
import { overviewOf } from './overview';
import { releaseView } from './release-view';

export type TQuotaUse = {
  name: string;
  resources: { resource: string; hard: string; used: string | null }[];
};

export type TEventFact = {
  type: string;
  reason: string;
  message: string;
  object: string;
  count: number;
  lastSeen: string | null;
};

export type TNamespaceFacts = {
  cluster: string;
  namespace: string;
  status: TClusterStatus;
  quotas: TQuotaUse[];
  warnings: TEventFact[];
};

export type TEnvironmentView = {
  environment: string;
  namespace: string;
  columns: { environment: string; cluster: string }[];
  /** Rows of releases present (or configured) in this environment, cells of this environment only. */
  rows: TMatrixRow[];
  /** Drift involving this environment (against the others too). */
  drift: TDrift[];
  namespaces: TNamespaceFacts[];
  generatedAt: string;
};

type TEventObj = TRawObject & {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  involvedObject?: { kind?: string; name?: string };
};

/** A Kubernetes Event in the plain shape the pages show. */
export function eventFact(e: TEventObj): TEventFact {
  return {
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
    count: e.count ?? 1,
    lastSeen: e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? null,
  };
}

/** Newest first. */
export function byLastSeen(a: TEventFact, b: TEventFact): number {
  return (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '');
}

function quotaUse(q: TRawObject): TQuotaUse {
  const status = (q.status ?? {}) as {
    hard?: Record<string, string>;
    used?: Record<string, string>;
  };
  const hard = status.hard ?? (q.spec as { hard?: Record<string, string> } | undefined)?.hard ?? {};
  return {
    name: q.metadata?.name ?? '',
    resources: Object.entries(hard).map(([resource, h]) => ({
      resource,
      hard: h,
      used: status.used?.[resource] ?? null,
    })),
  };
}

const MAX_WARNINGS = 50;

function involves(d: TDrift, env: string): boolean {
  if (d.kind === 'ahead') return d.ahead.environment === env || d.behind.environment === env;
  if (d.kind === 'differs') return d.left.environment === env || d.right.environment === env;
  return d.environment === env;
}

/** Every release of an environment as in the overview, plus quota use and warning events per cluster. */
export async function getEnvironmentView(environment: string): Promise<TEnvironmentView> {
  const view = releaseView();
  const env = view.config.environments.find((e) => e.name === environment);
  if (!env) throw new NotFoundError('environment', `There is no environment "${environment}".`);
  const overview = await overviewOf(view);
  const keep = overview.columns.map((c) => c.environment === environment);
  const configured = new Set(view.config.releases.map((r) => r.name));
  const rows = overview.rows
    .map((r) => ({ ...r, cells: r.cells.filter((_, i) => keep[i]) }))
    .filter((r) => configured.has(r.release) || r.cells.some((c) => c.release !== null));
  const clusters = await view.all();
  const namespaces = env.clusters.map((c): TNamespaceFacts => {
    const cv = clusters.find((x) => x.name === c.name);
    const status = overview.clusters.find((s) => s.cluster === c.name)!;
    const snap = cv?.workloads.get(env.namespace)?.snapshot();
    return {
      cluster: c.name,
      namespace: env.namespace,
      status,
      quotas: (snap?.resourceQuotas ?? []).map(quotaUse),
      warnings: (snap?.events ?? [])
        .map((e) => eventFact(e as TEventObj))
        .filter((e) => e.type === 'Warning')
        .sort(byLastSeen)
        .slice(0, MAX_WARNINGS),
    };
  });
  return {
    environment,
    namespace: env.namespace,
    columns: overview.columns.filter((c) => c.environment === environment),
    rows: rows.map((r) => ({ ...r, drift: r.drift.filter((d) => involves(d, environment)) })),
    drift: rows.flatMap((r) => r.drift.filter((d) => involves(d, environment))),
    namespaces,
    generatedAt: overview.generatedAt,
  };
}
