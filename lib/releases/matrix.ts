// The overview: releases × environments × clusters, from plain per-cluster
// data, so whatever keeps that data fresh (LIST+WATCH caches) just feeds it.
import { findDrift, type TDrift, type TPlaced } from './drift';
import type { TReleaseSummary } from './summary';

/** Structurally a subset of helmdeck.yaml's config, so THelmdeckConfig can be passed as is. */
export type TMatrixConfig = {
  environments: { name: string; namespace: string; clusters: (string | { name: string })[] }[];
  /** Configured releases, with their promotion order (environment names). */
  releases: { name: string; promotion?: string[] }[];
};

/** What one cluster's cache holds now. `error` set means the cluster is failing. */
export type TClusterSnapshot = {
  cluster: string;
  /** Latest revision of each release; while failing, the last good data. */
  releases: TReleaseSummary[];
  /** When `releases` was last known to be current; null if never. */
  lastGoodAt: Date | null;
  error: string | null;
};

export type TMatrixCell = {
  environment: string;
  cluster: string;
  /** `missing`: the cluster answered and the release is not installed there. */
  state: 'ok' | 'missing' | 'error';
  /** Current summary, or the last known one for a failing cluster. */
  release: TReleaseSummary | null;
  error: string | null;
  /** Age of the data shown, in ms; null when there never was any. */
  dataAgeMs: number | null;
};

export type TMatrixRow = {
  release: string;
  /** Not in helmdeck.yaml, but found in an environment's namespace. */
  unlisted: boolean;
  /** One per column, in column order. */
  cells: TMatrixCell[];
  drift: TDrift[];
};

export type TMatrix = {
  columns: { environment: string; cluster: string }[];
  rows: TMatrixRow[];
  generatedAt: string;
};

export type TMatrixOptions = {
  now?: Date;
  includeUnlisted?: boolean;
  /** Build only the rows of these releases (a change touched them), in matrix order. */
  only?: ReadonlySet<string>;
};

function cellFor(
  env: { name: string; namespace: string },
  cluster: string,
  release: string,
  snap: TClusterSnapshot | undefined,
  index: Map<string, TReleaseSummary> | undefined,
  now: Date,
): TMatrixCell {
  const base = { environment: env.name, cluster };
  const found = index?.get(`${env.namespace}/${release}`) ?? null;
  const age = snap?.lastGoodAt ? Math.max(0, now.getTime() - snap.lastGoodAt.getTime()) : null;
  if (!snap || snap.error !== null) {
    const error = snap?.error ?? 'no data from this cluster yet';
    return { ...base, state: 'error', release: found, error, dataAgeMs: age };
  }
  return { ...base, state: found ? 'ok' : 'missing', release: found, error: null, dataAgeMs: age };
}

/** Builds the overview matrix; a failing cluster affects only its own cells. */
export function buildMatrix(
  config: TMatrixConfig,
  snapshots: TClusterSnapshot[],
  opts: TMatrixOptions = {},
): TMatrix {
  const now = opts.now ?? new Date();
  const environments = config.environments.map((e) => ({
    name: e.name,
    namespace: e.namespace,
    clusters: e.clusters.map((c) => (typeof c === 'string' ? c : c.name)),
  }));
  const byCluster = new Map(snapshots.map((s) => [s.cluster, s]));
  // namespace/name -> summary per cluster, so each cell is one lookup.
  const indexes = new Map(
    snapshots.map((s) => [
      s.cluster,
      new Map(s.releases.map((r) => [`${r.namespace}/${r.name}`, r])),
    ]),
  );
  const columns = environments.flatMap((e) =>
    e.clusters.map((c) => ({ environment: e.name, cluster: c })),
  );
  const envOrder = environments.map((e) => e.name);
  const multiCluster = new Set(
    environments.filter((e) => e.clusters.length > 1).map((e) => e.name),
  );

  const releases = config.releases.map((r) => ({ ...r, unlisted: false }));
  if (opts.includeUnlisted !== false) {
    const known = new Set(releases.map((r) => r.name));
    for (const env of environments) {
      for (const cluster of env.clusters) {
        for (const r of byCluster.get(cluster)?.releases ?? []) {
          if (r.namespace !== env.namespace || known.has(r.name)) continue;
          known.add(r.name);
          releases.push({ name: r.name, unlisted: true });
        }
      }
    }
  }

  const wanted = opts.only ? releases.filter((r) => opts.only!.has(r.name)) : releases;
  const rows = wanted.map((rel): TMatrixRow => {
    const cells = environments.flatMap((env) =>
      env.clusters.map((c) => cellFor(env, c, rel.name, byCluster.get(c), indexes.get(c), now)),
    );
    // Stale data from a failing cluster could claim drift that is not there.
    const placed: TPlaced[] = cells.flatMap((c) =>
      c.state === 'ok' && c.release
        ? [{ environment: c.environment, cluster: c.cluster, summary: c.release }]
        : [],
    );
    const promotion = rel.promotion ?? envOrder;
    return {
      release: rel.name,
      unlisted: rel.unlisted,
      cells,
      drift: findDrift(rel.name, promotion, placed, multiCluster),
    };
  });
  return { columns, rows, generatedAt: now.toISOString() };
}
