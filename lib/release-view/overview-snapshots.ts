// What one cluster contributes to the overview: the latest revision of
// every release in its namespaces, with health and (for some) history.
import { strategyFor } from '@/lib/config/strategy-lookup';
import type { TClusterSnapshot, TMatrixConfig } from '@/lib/releases/matrix';
import { liveColourIn } from '@/lib/strategies/placement';
import { labelsOnly } from '@/lib/releases/release-store';
import { healthSummary, versionsOf, type TReleaseSummary } from '@/lib/releases/summary';
import type { ClusterView, TClusterStatus } from './cluster-view';
import { withOrigin, type TOriginResolver } from './origins';

type TSnapMemo = { key: string; releases: TReleaseSummary[] };
const snapMemo = new WeakMap<ClusterView, TSnapMemo>();

/** Latest revision of every release in the cluster's namespaces, with health and (for some) history. */
function summariesOf(
  c: ClusterView,
  withHistory: ReadonlySet<string>,
  origins: TOriginResolver | null,
): TReleaseSummary[] {
  const key = `${c.version}|${origins?.version() ?? '-'}|${[...withHistory].sort().join(',')}`;
  const memo = snapMemo.get(c);
  if (memo?.key === key) return memo.releases;
  const namespaces = new Set(c.namespaces);
  const releases = c.releases
    .latest()
    .filter((l) => namespaces.has(l.namespace))
    .map((l): TReleaseSummary => {
      const s = withOrigin(c.summaryOf(l) ?? labelsOnly(l), c.name, origins);
      const h = c.healthIn(l.namespace).get(`${l.namespace}/${l.name}`);
      const out: TReleaseSummary = { ...s, health: h ? healthSummary(h) : null };
      const drift = c.liveDriftOf(l);
      if (drift) out.liveDrift = drift.length;
      if (withHistory.has(l.name)) {
        out.history = c.releases.history(l.namespace, l.name).flatMap((r) => {
          const rs = c.summaryOf(r);
          return rs ? [versionsOf(rs)] : [];
        });
      }
      return out;
    });
  snapMemo.set(c, { key, releases });
  return releases;
}

/** Blue/green releases of this cluster with the colour their router sends traffic to. */
function liveColoursOf(c: ClusterView, config: TMatrixConfig): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const env of config.environments) {
    if (!env.clusters.some((x) => (typeof x === 'string' ? x : x.name) === c.name)) continue;
    for (const rel of config.releases) {
      const s = strategyFor(rel, env.name, c.name);
      if (s.type !== 'blueGreen') continue;
      const snap = c.workloads.get(env.namespace)?.snapshot();
      out[`${env.namespace}/${rel.name}`] = snap ? liveColourIn(rel.name, s, snap) : null;
    }
  }
  return out;
}

export function snapshotOf(
  c: ClusterView,
  status: TClusterStatus,
  withHistory: ReadonlySet<string>,
  config?: TMatrixConfig,
  origins: TOriginResolver | null = null,
): TClusterSnapshot {
  const failing = status.state === 'error' || status.state === 'starting';
  return {
    cluster: c.name,
    releases: c.hasData() ? summariesOf(c, withHistory, origins) : [],
    lastGoodAt: status.lastGoodAt ? new Date(status.lastGoodAt) : null,
    error: failing ? (status.error ?? 'still loading') : null,
    ...(config ? { liveColours: liveColoursOf(c, config) } : {}),
  };
}

/** Fetches the summaries of every revision of these releases that were never decoded. */
export async function loadHistories(clusters: ClusterView[], releases: string[]): Promise<void> {
  const wanted = new Set(releases);
  const loads: (() => Promise<unknown>)[] = [];
  for (const c of clusters)
    for (const l of c.releases.revisions())
      if (wanted.has(l.name) && c.namespaces.includes(l.namespace) && !c.summaryOf(l))
        loads.push(() => c.releases.loadSummary(l.namespace, l.name, l.revision));
  let next = 0;
  const lane = async () => {
    while (next < loads.length) await loads[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(8, loads.length) }, lane));
}
