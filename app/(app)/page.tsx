import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { prefetchOverview } from '@/app/_lib/prefetch';
import { LiveUpdates } from '@/components/releases/live-updates';
import { OverviewView } from '@/components/releases/overview-view';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const user = await requireViewer();
  const queryClient = await prefetchOverview(user);
  return (
    <>
      <PageHeader
        title="Overview"
        description="What runs where, whether it is healthy, and where environments drift apart. Updates live."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <LiveUpdates>
          <OverviewView />
        </LiveUpdates>
      </HydrationBoundary>
    </>
  );
}
