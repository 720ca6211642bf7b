// Drift between the cells of one release: an environment ahead of the next
// one in its promotion order, or the clusters of one environment apart.
import type { TReleaseSummary } from './summary';
import { compareVersions } from './versions';

export type TDriftBasis = 'chartVersion' | 'appVersion' | 'imageTag' | 'revision';
export type TPlace = { environment: string; cluster: string };
export type TPlaced = TPlace & { summary: TReleaseSummary };

export type TDrift =
  | {
      kind: 'ahead';
      release: string;
      ahead: TPlace;
      behind: TPlace;
      basis: TDriftBasis;
      /** How many versions (or revisions, for basis `revision`) apart. */
      by: number;
      /** False when a later environment is ahead of an earlier one (a hotfix, or a skipped stage). */
      followsPromotion: boolean;
      text: string;
    }
  | {
      kind: 'differs';
      release: string;
      left: TPlace;
      right: TPlace;
      basis: TDriftBasis;
      text: string;
    }
  | {
      kind: 'cluster-skew';
      release: string;
      environment: string;
      basis: TDriftBasis;
      clusters: { cluster: string; revision: number; version: string | null }[];
      text: string;
    };

const FIELDS = ['chartVersion', 'appVersion', 'imageTag'] as const;

/**
 * First difference between two summaries: by chart version, then app version,
 * then image tag; revisions only when no version is known on both sides.
 * `cmp` is null when the differing versions cannot be ordered.
 */
export function compareSummaries(
  a: TReleaseSummary,
  b: TReleaseSummary,
): { basis: TDriftBasis; cmp: number | null } {
  let anyKnown = false;
  for (const f of FIELDS) {
    const x = a[f];
    const y = b[f];
    if (x === null || y === null) continue;
    anyKnown = true;
    if (x !== y) return { basis: f, cmp: compareVersions(x, y) };
  }
  if (anyKnown) return { basis: 'chartVersion', cmp: 0 };
  return { basis: 'revision', cmp: Math.sign(a.revision - b.revision) };
}

function valueOf(s: TReleaseSummary, basis: TDriftBasis): string | null {
  return basis === 'revision' ? String(s.revision) : s[basis];
}

// Versions the ahead side went through after the behind side's version:
// its own history when known, else what the other cells show, at least 1.
function versionsBetween(
  ahead: TReleaseSummary,
  behind: TReleaseSummary,
  basis: Exclude<TDriftBasis, 'revision'>,
  all: TReleaseSummary[],
): number {
  const lo = behind[basis] ?? '';
  const hi = ahead[basis] ?? '';
  const within = (v: string | null) =>
    v !== null && (compareVersions(v, lo) ?? 0) > 0 && (compareVersions(v, hi) ?? 1) <= 0;
  const fromHistory = new Set((ahead.history ?? []).map((h) => h[basis]).filter(within));
  fromHistory.add(hi);
  if (ahead.history && ahead.history.length > 0) return fromHistory.size;
  const seen = new Set(all.map((s) => s[basis]).filter(within));
  return Math.max(1, seen.size);
}

function placeName(p: TPlace, multiCluster: Set<string>): string {
  return multiCluster.has(p.environment) ? `${p.environment} (${p.cluster})` : p.environment;
}

/** Drift between consecutive environments of the promotion order, and within each environment. */
export function findDrift(
  release: string,
  promotion: string[],
  cells: TPlaced[],
  multiCluster: Set<string>,
): TDrift[] {
  const out: TDrift[] = [];
  const all = cells.map((c) => c.summary);
  const inEnv = (env: string) => cells.filter((c) => c.environment === env);
  for (let i = 0; i + 1 < promotion.length; i++) {
    const earlier = inEnv(promotion[i] ?? '');
    const later = inEnv(promotion[i + 1] ?? '');
    // The earlier environment is represented by its most advanced cluster.
    const rep = earlier.reduce<TPlaced | null>(
      (best, c) => (!best || (compareSummaries(c.summary, best.summary).cmp ?? 0) > 0 ? c : best),
      null,
    );
    if (!rep) continue;
    for (const c of later) {
      const { basis, cmp } = compareSummaries(rep.summary, c.summary);
      if (cmp === 0) continue;
      if (cmp === null) {
        const text = `${placeName(rep, multiCluster)} and ${placeName(c, multiCluster)} run different ${basis} (${valueOf(rep.summary, basis)} vs ${valueOf(c.summary, basis)})`;
        out.push({ kind: 'differs', release, left: rep, right: c, basis, text });
        continue;
      }
      const [ahead, behind] = cmp > 0 ? [rep, c] : [c, rep];
      const by =
        basis === 'revision'
          ? Math.abs(ahead.summary.revision - behind.summary.revision)
          : versionsBetween(ahead.summary, behind.summary, basis, all);
      const unit = basis === 'revision' ? 'revision' : 'version';
      out.push({
        kind: 'ahead',
        release,
        ahead: { environment: ahead.environment, cluster: ahead.cluster },
        behind: { environment: behind.environment, cluster: behind.cluster },
        basis,
        by,
        followsPromotion: cmp > 0,
        text: `${placeName(ahead, multiCluster)} ahead of ${placeName(behind, multiCluster)} by ${by} ${unit}${by === 1 ? '' : 's'}`,
      });
    }
  }
  for (const env of [...new Set(cells.map((c) => c.environment))]) {
    const list = inEnv(env);
    if (list.length < 2) continue;
    const first = list[0] as TPlaced;
    const versionDiff = list
      .map((c) => compareSummaries(first.summary, c.summary))
      .find((r) => r.cmp !== 0);
    const revisionsDiffer = list.some((c) => c.summary.revision !== first.summary.revision);
    if (!versionDiff && !revisionsDiffer) continue;
    const basis = versionDiff?.basis ?? 'revision';
    const clusters = list.map((c) => ({
      cluster: c.cluster,
      revision: c.summary.revision,
      version: basis === 'revision' ? null : c.summary[basis],
    }));
    const detail = clusters
      .map((c) => `${c.cluster} ${c.version ?? `revision ${c.revision}`}`)
      .join(', ');
    out.push({
      kind: 'cluster-skew',
      release,
      environment: env,
      basis,
      clusters,
      text: `${env} clusters differ: ${detail}`,
    });
  }
  return out;
}
