// Revisions no Helmdeck operation made, found in the watch-fed caches and
// recorded once in the audit chain (an observed external change) with a
// notification. The ObservedChange row's unique key makes "once" hold across
// every instance and restart. Revisions deployed before this database first
// watched a cluster are old history: flagged on the pages, not audited.
import { appendAudit, AUDIT_TX_OPTIONS } from '@/lib/audit';
import type { TWebhook } from '@/lib/config/schema';
import type { PrismaClient } from '@/lib/db';
import { enqueueNotification, type TExternalChangeSummary } from '@/lib/notifications';
import type { TReleaseLabelSummary } from '@/lib/releases/release-labels';
import type { TReleaseSummary } from '@/lib/releases/summary';
import type { ReleaseView } from '@/lib/release-view/release-view';
import type { ClusterView } from '@/lib/release-view/cluster-view';
import type { OperationIndex } from './operation-index';

export const EXTERNAL_CHANGE_ACTION = 'release.changed_outside';
export const OBSERVER_ACTOR = 'system:observer';

export type TExternalChangeSetup = {
  prisma: PrismaClient;
  view: ReleaseView;
  index: OperationIndex;
  webhooks: () => readonly TWebhook[];
};

/** Every revision the cluster holds, or those of the named releases (`namespace/name`). */
function revisionsOf(c: ClusterView, only?: ReadonlySet<string>): TReleaseLabelSummary[] {
  if (!only) return c.releases.revisions();
  return [...only].flatMap((key) => {
    const at = key.indexOf('/');
    return c.releases.history(key.slice(0, at), key.slice(at + 1));
  });
}

export class ExternalChangeRecorder {
  /** `cluster/secretUid` of revisions settled: recorded, Helmdeck's, or older than the watch. */
  private readonly settled = new Set<string>();
  private readonly firstSeen = new Map<string, Date>();
  private running: Promise<number> = Promise.resolve(0);

  constructor(private readonly setup: TExternalChangeSetup) {}

  /** Checks every revision held (or those of `releases`, `namespace/name` keys); returns how many it recorded. */
  sweep(only?: ReadonlySet<string>): Promise<number> {
    const run = this.running.then(() => this.sweepNow(only));
    this.running = run.catch(() => 0);
    return run;
  }

  private async sweepNow(only?: ReadonlySet<string>): Promise<number> {
    let recorded = 0;
    for (const c of this.setup.view.clusterViews()) {
      if (!c.hasData()) continue;
      const since = await this.firstSeenOf(c.name);
      const candidates = revisionsOf(c, only).filter(
        (l) => c.namespaces.includes(l.namespace) && !this.settled.has(`${c.name}/${l.uid}`),
      );
      for (const l of candidates) if (await this.check(c, l, since)) recorded++;
    }
    return recorded;
  }

  private async firstSeenOf(cluster: string): Promise<Date> {
    const held = this.firstSeen.get(cluster);
    if (held) return held;
    const { prisma } = this.setup;
    const row = await prisma.observedCluster.upsert({
      where: { cluster },
      create: { cluster },
      update: {},
    });
    const known = await prisma.observedChange.findMany({
      where: { cluster },
      select: { secretUid: true },
    });
    for (const k of known) this.settled.add(`${cluster}/${k.secretUid}`);
    this.firstSeen.set(cluster, row.firstSeenAt);
    return row.firstSeenAt;
  }

  private async check(c: ClusterView, l: TReleaseLabelSummary, since: Date): Promise<boolean> {
    const key = `${c.name}/${l.uid}`;
    const summary = c.summaryOf(l);
    const deployed = summary?.lastDeployed ? new Date(summary.lastDeployed) : l.modifiedAt;
    if (!deployed || deployed < since) {
      this.settled.add(key);
      return false;
    }
    // helm writes a revision as pending-* ("Preparing upgrade") and then settles it: record it settled.
    if (l.status.startsWith('pending-')) return false;
    const s = summary ?? (await c.releases.loadSummary(l.namespace, l.name, l.revision));
    if (!s || s.description === undefined) return false;
    const rev = { revision: l.revision, description: s.description };
    let origin = this.setup.index.resolve(c.name, l.namespace, l.name, rev);
    // Another instance may have just started the operation that made it: ask Postgres first.
    if (origin.by === 'outside') {
      await this.setup.index.refresh();
      origin = this.setup.index.resolve(c.name, l.namespace, l.name, rev);
    }
    if (origin.by === 'pending') return false;
    this.settled.add(key);
    if (origin.by === 'helmdeck') return false;
    return this.record(c, l, s);
  }

  private async record(c: ClusterView, l: TReleaseLabelSummary, s: TReleaseSummary) {
    const environment =
      this.setup.view.config.environments.find(
        (e) => e.namespace === l.namespace && e.clusters.some((x) => x.name === c.name),
      )?.name ?? null;
    const change: TExternalChangeSummary = {
      release: l.name,
      environment: environment ?? '',
      cluster: c.name,
      namespace: l.namespace,
      revision: l.revision,
      status: l.status,
      chart: s.chartName,
      chartVersion: s.chartVersion,
      imageTag: s.imageTag,
      claimed: s.description ?? '',
    };
    const { prisma, webhooks } = this.setup;
    return prisma.$transaction(async (tx) => {
      const row = await tx.observedChange.createMany({
        data: [
          {
            cluster: c.name,
            namespace: l.namespace,
            release: l.name,
            revision: l.revision,
            secretUid: l.uid,
          },
        ],
        skipDuplicates: true,
      });
      if (row.count === 0) return false; // another instance recorded it
      await appendAudit(tx, {
        actor: OBSERVER_ACTOR,
        actorName: 'changed outside Helmdeck',
        action: EXTERNAL_CHANGE_ACTION,
        outcome: 'succeeded',
        environment,
        cluster: c.name,
        namespace: l.namespace,
        release: l.name,
        revisionAfter: l.revision,
        chart: s.chartName,
        chartVersion: s.chartVersion,
        details: {
          status: l.status,
          imageTag: s.imageTag,
          images: s.images,
          deployedAt: s.lastDeployed,
          claimed: s.description ?? '',
        },
      });
      await enqueueNotification(tx, webhooks(), 'release.changed_outside', { change });
      return true;
    }, AUDIT_TX_OPTIONS);
  }
}
