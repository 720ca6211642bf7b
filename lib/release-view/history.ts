// Revision history of a release and the diffs between revisions or
// between the same release in two places, decoded from the cached Secrets.
import { diffReleases, type TReleaseDiff } from '@/lib/releases/diff';
import type { THelmRelease } from '@/lib/releases/release-secret';
import type { ClusterView } from './cluster-view';
import { NotFoundError } from './errors';
import type { TOrigin } from '@/lib/releases/provenance';
import { summarizeRelease } from '@/lib/releases/summary';
import { withOrigin, type TOriginResolver } from './origins';
import { latestRelease } from './release-detail';
import { fromCluster } from './unreachable';
import { releaseView } from './release-view';

export type THistoryEntry = {
  revision: number;
  /** deployed, superseded, failed, pending-install, pending-upgrade, pending-rollback, uninstalling… */
  status: string;
  chartName: string | null;
  chartVersion: string | null;
  appVersion: string | null;
  imageTag: string | null;
  description: string;
  /** ISO time of the deploy (helm's last_deployed), or the Secret's modifiedAt label. */
  deployedAt: string | null;
  /** Who did it: the requester of the Operation that made it; null when none did. */
  actor: string | null;
  /** Helmdeck (with the operation), outside Helmdeck (helm's description only claimed), or pending. */
  origin?: TOrigin;
  /** False when this revision's Secret could not be decoded; only labels are known. */
  readable: boolean;
  /** The chart's hooks in this revision and the helm events that run them (pre-rollback, ...). */
  hooks: { kind: string; name: string; events: string[] }[];
};

export type TReleaseHistory = {
  environment: string;
  cluster: string;
  name: string;
  namespace: string;
  revisions: THistoryEntry[];
};

async function entryOf(
  origins: TOriginResolver | null,
  c: ClusterView,
  namespace: string,
  name: string,
  l: ReturnType<ClusterView['releases']['history']>[number],
): Promise<THistoryEntry> {
  let r: THelmRelease | null = null;
  try {
    r = await c.releases.release(namespace, name, l.revision);
  } catch {
    r = null;
  }
  if (!r) {
    return {
      revision: l.revision,
      status: l.status,
      chartName: null,
      chartVersion: null,
      appVersion: null,
      imageTag: null,
      description: '',
      deployedAt: l.modifiedAt?.toISOString() ?? null,
      actor: null,
      readable: false,
      hooks: [],
    };
  }
  const s = withOrigin(summarizeRelease(r), c.name, origins);
  return {
    revision: r.revision,
    status: r.info.status,
    chartName: s.chartName,
    chartVersion: s.chartVersion,
    appVersion: s.appVersion,
    imageTag: s.imageTag,
    description: s.description ?? '',
    deployedAt: r.info.lastDeployed ?? l.modifiedAt?.toISOString() ?? null,
    actor: s.deployedBy,
    ...(s.origin ? { origin: s.origin } : {}),
    readable: true,
    hooks: r.hooks.map((h) => ({ kind: h.kind, name: h.name, events: h.events })),
  };
}

/** Every revision helm keeps of a release, newest first. */
export async function getReleaseHistory(
  environment: string,
  cluster: string,
  release: string,
): Promise<TReleaseHistory> {
  const view = releaseView();
  const { environment: env, cluster: c } = await view.place(environment, cluster);
  view.requireData(c);
  const revisions = c.releases.history(env.namespace, release);
  if (revisions.length === 0)
    throw new NotFoundError(
      'release',
      `There is no release "${release}" in ${environment}/${cluster}.`,
    );
  return {
    environment,
    cluster,
    name: release,
    namespace: env.namespace,
    revisions: await Promise.all(
      revisions.map((l) => entryOf(view.origins, c, env.namespace, release, l)),
    ),
  };
}

async function revisionOf(
  c: ClusterView,
  namespace: string,
  release: string,
  revision: number,
  where: string,
): Promise<THelmRelease> {
  if (!Number.isInteger(revision) || revision < 1)
    throw new NotFoundError('revision', `"${revision}" is not a revision number.`);
  const r = await fromCluster(c, () => c.releases.release(namespace, release, revision));
  if (r) return r;
  if (c.releases.history(namespace, release).length === 0)
    throw new NotFoundError('release', `There is no release "${release}" in ${where}.`);
  throw new NotFoundError(
    'revision',
    `Release "${release}" in ${where} has no revision ${revision} (helm may have pruned it).`,
  );
}

/** Values, manifest, notes and chart differences between two revisions of a release (secrets only as changed). */
export async function getRevisionDiff(
  environment: string,
  cluster: string,
  release: string,
  fromRev: number,
  toRev: number,
): Promise<TReleaseDiff> {
  const view = releaseView();
  const { environment: env, cluster: c } = await view.place(environment, cluster);
  view.requireData(c);
  const where = `${environment}/${cluster}`;
  const [left, right] = await Promise.all([
    revisionOf(c, env.namespace, release, fromRev, where),
    revisionOf(c, env.namespace, release, toRev, where),
  ]);
  return diffReleases(left, right, { from: `revision ${fromRev}`, to: `revision ${toRev}` });
}

export type TReleasePlace = { environment: string; cluster: string };

/** The same release's current revisions in two environments or clusters, diffed (secrets only as changed). */
export async function getEnvironmentDiff(
  release: string,
  from: TReleasePlace,
  to: TReleasePlace,
): Promise<TReleaseDiff> {
  const view = releaseView();
  const sides = await Promise.all(
    [from, to].map(async (p) => {
      const { environment: env, cluster: c } = await view.place(p.environment, p.cluster);
      view.requireData(c);
      return latestRelease(c, env.namespace, release, `${p.environment}/${p.cluster}`);
    }),
  );
  return diffReleases(sides[0]!, sides[1]!, {
    from: `${from.environment}/${from.cluster}`,
    to: `${to.environment}/${to.cluster}`,
  });
}
