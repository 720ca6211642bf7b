// How big and how current this process's read model is, per cluster, for
// /api/metrics. Asking starts the watches when no page has yet, so a
// scraped instance always watches its clusters.
import { releaseView } from './release-view';

export type TReadModelStats = {
  cluster: string;
  /** True while the cluster answers reads, false when it is unreachable or refuses them, null while starting. */
  reachable: boolean | null;
  /** Age of the data held: 0 while the watches are current, null before any data. */
  dataAgeSeconds: number | null;
  releases: number;
  revisions: number;
  workloads: number;
};

export async function readModelStats(): Promise<TReadModelStats[]> {
  const views = await releaseView().all();
  return views.map((view) => {
    const status = view.status();
    let workloads = 0;
    for (const source of view.workloads.values())
      for (const objects of Object.values(source.snapshot())) workloads += objects.length;
    return {
      cluster: view.name,
      reachable: status.state === 'starting' ? null : status.state !== 'error',
      dataAgeSeconds: status.dataAgeMs === null ? null : status.dataAgeMs / 1000,
      releases: view.releases.latest().length,
      revisions: view.releases.revisions().length,
      workloads,
    };
  });
}
