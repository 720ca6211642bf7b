// A cluster that cannot answer is a fact to show ("unreachable since ..."),
// not an error page: reads that need the cluster turn its failure into
// ClusterUnavailableError (503 on the API, a message on the pages).
import { AppError } from '@/lib/errors';
import { describeKubeError } from '@/lib/kube/request-options';
import { ReleaseSecretError } from '@/lib/releases/release-secret';
import type { ClusterView } from './cluster-view';
import { ClusterUnavailableError } from './errors';

/** "2026-12-02 03:12 UTC": when a cluster was last seen, as a person reads it. */
function utcMinute(at: string | Date): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function clusterUnreachable(view: ClusterView, reason: string): ClusterUnavailableError {
  const status = view.status();
  const since = utcMinute(status.lastGoodAt ?? view.triedSince());
  return new ClusterUnavailableError(
    view.name,
    `Cluster "${view.name}" unreachable since ${since}: ${reason.replace(/^cluster unreachable: /, '')}.`,
  );
}

/** Runs a read of `view`'s cluster; a failure to reach it becomes ClusterUnavailableError. */
export async function fromCluster<T>(view: ClusterView, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError || error instanceof ReleaseSecretError) throw error;
    throw clusterUnreachable(view, view.status().error ?? describeKubeError(error));
  }
}
