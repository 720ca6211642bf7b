import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { getClusterStatus } from '@/app/_lib/cluster-status';
import { ClusterStatusTable } from '@/components/overview/cluster-status-table';
import { SummaryCards } from '@/components/overview/summary-cards';
import { makeQueryClient } from '@/components/query/make-query-client';
import { queryKeys } from '@/components/query/query-keys';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { requireUser } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  await requireUser();
  const config = getConfig();
  const queryClient = makeQueryClient();
  const report = await queryClient.fetchQuery({
    queryKey: queryKeys.clusters.reachability(),
    queryFn: () => getClusterStatus(config),
  });
  const reachable = report.clusters.filter((c) => c.reachable).length;
  const total = report.clusters.length;
  const gated = config.environments.filter((e) => e.requireTicket);
  return (
    <>
      <PageHeader
        title="Overview"
        description="Configured environments and the reachability of their clusters."
      />
      <div className="space-y-5">
        <SummaryCards
          cards={[
            {
              label: 'Environments',
              value: String(config.environments.length),
              hint: config.environments.map((e) => e.name).join(' → '),
            },
            {
              label: 'Clusters reachable',
              value: `${reachable}/${total}`,
              tone: reachable === total ? 'ok' : 'fail',
              hint:
                reachable === total ? 'all clusters answer' : `${total - reachable} not answering`,
            },
            {
              label: 'Releases',
              value: String(config.releases.length),
              hint: config.releases.map((r) => r.name).join(', '),
            },
            {
              label: 'Ticket required in',
              value: String(gated.length),
              hint:
                gated
                  .map((e) => `${e.name} (${e.approvals} approval${e.approvals === 1 ? '' : 's'})`)
                  .join(', ') || 'no environment',
            },
          ]}
        />
        <Panel title="Clusters" aside="refreshes every 30 s">
          <HydrationBoundary state={dehydrate(queryClient)}>
            <ClusterStatusTable />
          </HydrationBoundary>
        </Panel>
      </div>
    </>
  );
}
