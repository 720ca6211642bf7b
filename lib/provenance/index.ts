// Verified actors: which Operation made each revision the read model shows,
// and revisions no operation made, recorded once as changes outside Helmdeck.
import type { TWebhook } from '@/lib/config/schema';
import type { PrismaClient } from '@/lib/db';
import { onOperationFinished } from '@/lib/operations/after-finish';
import type { ReleaseView } from '@/lib/release-view/release-view';
import { ExternalChangeRecorder } from './external-changes';
import { OperationIndex, type TOriginChanges } from './operation-index';

export { EXTERNAL_CHANGE_ACTION, OBSERVER_ACTOR, ExternalChangeRecorder } from './external-changes';
export { OperationIndex } from './operation-index';

export type TProvenance = {
  index: OperationIndex;
  recorder: ExternalChangeRecorder;
  /** Reads the operations changed since the last look and re-checks what they touched. */
  refresh(): Promise<void>;
  stop(): void;
};

export type TProvenanceSetup = {
  prisma: PrismaClient;
  view: ReleaseView;
  webhooks: () => readonly TWebhook[];
  /** How often operations other instances ran are picked up. */
  pollMs?: number;
};

/** Loads the operations, gives the read model its origins and starts watching for outside changes. */
export async function startProvenance(setup: TProvenanceSetup): Promise<TProvenance> {
  const { prisma, view, webhooks } = setup;
  const index = new OperationIndex(prisma);
  await index.refresh();
  view.setOrigins(index);
  const recorder = new ExternalChangeRecorder({ prisma, view, index, webhooks });
  const logged = (what: string) => (e: unknown) =>
    console.error(`helmdeck: ${what}: ${e instanceof Error ? e.message : String(e)}`);
  const apply = (changes: TOriginChanges) => {
    for (const [cluster, releases] of changes) view.originsChanged(cluster, releases);
  };
  const refresh = () => index.refresh().then(apply);
  const timer = setInterval(
    () => void refresh().catch(logged('reading operations')),
    setup.pollMs ?? 2_000,
  );
  timer.unref?.();
  const offFinished = onOperationFinished('provenance', () => refresh());
  const offChanges = view.subscribe((change) => {
    const only = change.releases.length > 0 ? new Set(change.releases) : undefined;
    void recorder.sweep(only).catch(logged('recording changes outside Helmdeck'));
  });
  void view
    .all()
    .then(() => recorder.sweep())
    .catch(logged('recording changes outside Helmdeck'));
  return {
    index,
    recorder,
    refresh,
    stop() {
      clearInterval(timer);
      offFinished();
      offChanges();
      view.setOrigins(null);
    },
  };
}

/** The process's provenance, on the process's read model, database and helmdeck.yaml (server start). */
export async function startServerProvenance(): Promise<TProvenance> {
  const [{ getConfig }, { getPrisma }, { releaseView }] = await Promise.all([
    import('@/lib/config'),
    import('@/lib/db'),
    import('@/lib/release-view/release-view'),
  ]);
  return startProvenance({
    prisma: await getPrisma(),
    view: releaseView(),
    webhooks: () => getConfig().webhooks,
  });
}
