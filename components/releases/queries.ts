'use client';

// The release view's queries: one key from the factory, one API endpoint each.
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '@/components/query/query-keys';
import type {
  TEnvironmentView,
  TOverview,
  TReleaseDetail,
  TReleaseHistory,
} from '@/lib/release-view';
import { fetchJson } from './fetch-json';
import { useRefetchInterval } from './live-updates';

const seg = encodeURIComponent;

export function useOverview() {
  const refetchInterval = useRefetchInterval();
  return useQuery({
    queryKey: queryKeys.releases.matrix(),
    queryFn: () => fetchJson<TOverview>('/api/v1/releases'),
    refetchInterval,
  });
}

export function useEnvironment(environment: string) {
  const refetchInterval = useRefetchInterval();
  return useQuery({
    queryKey: queryKeys.releases.environment(environment),
    queryFn: () => fetchJson<TEnvironmentView>(`/api/v1/environments/${seg(environment)}`),
    refetchInterval,
  });
}

export function useReleaseDetail(environment: string, cluster: string, release: string) {
  const refetchInterval = useRefetchInterval();
  return useQuery({
    queryKey: queryKeys.releases.detail(environment, cluster, release),
    queryFn: () =>
      fetchJson<TReleaseDetail>(
        `/api/v1/releases/${seg(environment)}/${seg(cluster)}/${seg(release)}`,
      ),
    refetchInterval,
  });
}

export function useReleaseHistory(environment: string, cluster: string, release: string) {
  const refetchInterval = useRefetchInterval();
  return useQuery({
    queryKey: queryKeys.releases.history(environment, cluster, release),
    queryFn: () =>
      fetchJson<TReleaseHistory>(
        `/api/v1/releases/${seg(environment)}/${seg(cluster)}/${seg(release)}/history`,
      ),
    refetchInterval,
  });
}
