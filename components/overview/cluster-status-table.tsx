'use client';

import { useQuery } from '@tanstack/react-query';
import type { TClusterStatusReport } from '@/lib/kube/cluster-status';
import { queryKeys } from '@/components/query/query-keys';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';

async function fetchClusterStatus(): Promise<TClusterStatusReport> {
  const response = await fetch('/api/clusters', { cache: 'no-store' });
  if (!response.ok) throw new Error(`cluster status: HTTP ${response.status}`);
  return (await response.json()) as TClusterStatusReport;
}

/** Reachability of every configured cluster, prefetched on the server and refreshed every 30 s. */
export function ClusterStatusTable() {
  const { data, isError, isFetching } = useQuery({
    queryKey: queryKeys.clusters.reachability(),
    queryFn: fetchClusterStatus,
    refetchInterval: 30_000,
  });
  if (!data) return <p className="px-4 py-6 text-sm text-slate-500">Checking clusters…</p>;
  return (
    <>
      <Table label="Clusters">
        <THead>
          <tr>
            <Th>Environment</Th>
            <Th>Cluster</Th>
            <Th>Context</Th>
            <Th>Namespace</Th>
            <Th>Reachability</Th>
            <Th>Detail</Th>
          </tr>
        </THead>
        <TBody>
          {data.clusters.map((c, i) => {
            const first = i === 0 || data.clusters[i - 1]?.environment !== c.environment;
            return (
              <Tr
                key={`${c.environment}/${c.cluster}`}
                className={first ? 'border-t border-slate-200' : undefined}
              >
                <Td className="font-medium text-slate-900">{first ? c.environment : ''}</Td>
                <Td>{c.cluster}</Td>
                <Td className="font-mono text-xs">{c.context}</Td>
                <Td className="font-mono text-xs">{c.namespace}</Td>
                <Td>
                  {c.reachable ? (
                    <StatusBadge tone="ok">Reachable</StatusBadge>
                  ) : (
                    <StatusBadge tone="fail">Unreachable</StatusBadge>
                  )}
                </Td>
                <Td
                  className="max-w-md truncate text-xs text-slate-500"
                  title={c.detail ?? undefined}
                >
                  {c.detail ?? ''}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
      <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
        {isError ? 'Refresh failed; showing the last result. ' : ''}
        Checked {data.checkedAt.slice(11, 19)} UTC
        {isFetching ? ' · refreshing…' : ''}
      </p>
    </>
  );
}
