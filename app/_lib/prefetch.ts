import 'server-only';
// Server prefetches of the release view, under the same query keys the
// client components use, so the first render needs no request from the browser.
import { QueryClient } from '@tanstack/react-query';
import { notFound } from 'next/navigation';
import { makeQueryClient } from '@/components/query/make-query-client';
import { queryKeys } from '@/components/query/query-keys';
import {
  getEnvironmentView,
  getOverviewMatrix,
  getReleaseDetail,
  getReleaseHistory,
  NotFoundError,
} from '@/lib/release-view';
import { hiddenColumns } from '@/lib/auth/read-check';
import { overviewFor, type TPolicyUser } from '@/lib/policy';

/** Runs a read; an unknown name becomes the 404 page. */
export async function orNotFound<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
}

/** The overview as `user` may see it (the same cut /api/v1/releases answers). */
export async function prefetchOverview(user: TPolicyUser): Promise<QueryClient> {
  const qc = makeQueryClient();
  await qc.fetchQuery({
    queryKey: queryKeys.releases.matrix(),
    queryFn: async () => overviewFor(user, await getOverviewMatrix(), await hiddenColumns(user)),
  });
  return qc;
}

export async function prefetchEnvironment(environment: string): Promise<QueryClient> {
  const qc = makeQueryClient();
  await orNotFound(() =>
    qc.fetchQuery({
      queryKey: queryKeys.releases.environment(environment),
      queryFn: () => getEnvironmentView(environment),
    }),
  );
  return qc;
}

export async function prefetchRelease(
  environment: string,
  cluster: string,
  release: string,
): Promise<QueryClient> {
  const qc = makeQueryClient();
  await orNotFound(() =>
    Promise.all([
      qc.fetchQuery({
        queryKey: queryKeys.releases.detail(environment, cluster, release),
        queryFn: () => getReleaseDetail(environment, cluster, release),
      }),
      qc.fetchQuery({
        queryKey: queryKeys.releases.history(environment, cluster, release),
        queryFn: () => getReleaseHistory(environment, cluster, release),
      }),
    ]),
  );
  return qc;
}
