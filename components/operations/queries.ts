'use client';

// Operations queries: keys from the shared factory, one API endpoint each.
import { useQuery } from '@tanstack/react-query';
import type { TOperationView } from '@/lib/operations/operation-view';
import type { TOperationDetail } from '@/lib/operations/read-operations';
import { queryKeys } from '@/components/query/query-keys';
import { fetchJson } from '@/components/releases/fetch-json';
import type { TTarget } from './target';

/** The queued or running operation of a release, if any (polled: it is short-lived). */
export function useActiveOperation(t: TTarget) {
  return useQuery({
    queryKey: queryKeys.operations.active(t.environment, t.cluster, t.release),
    queryFn: async () => {
      const q = new URLSearchParams({ ...t, state: 'active', limit: '1' });
      const r = await fetchJson<{ operations: TOperationView[] }>(`/api/v1/operations?${q}`);
      return r.operations[0] ?? null;
    },
    refetchInterval: 4_000,
  });
}

export function useOperationDetail(id: number, initial: TOperationDetail) {
  return useQuery({
    queryKey: queryKeys.operations.detail(id),
    queryFn: () => fetchJson<TOperationDetail>(`/api/v1/operations/${id}`),
    initialData: initial,
    staleTime: Infinity,
  });
}
