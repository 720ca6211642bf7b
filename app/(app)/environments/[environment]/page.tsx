import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { prefetchEnvironment } from '@/app/_lib/prefetch';
import { EnvironmentView } from '@/components/releases/environment-view';
import { LiveUpdates } from '@/components/releases/live-updates';
import { PageHeader } from '@/components/ui/page-header';
import { readRefusal } from '@/lib/auth/read-check';
import { requireView } from '@/lib/auth/session';
import { ReadRefused } from '@/components/ui/read-refused';

type TProps = { params: Promise<{ environment: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  return { title: decodeURIComponent((await params).environment) };
}

export default async function EnvironmentPage({ params }: TProps) {
  const environment = decodeURIComponent((await params).environment);
  const user = await requireView(environment);
  const refused = await readRefusal(user, { environment });
  if (refused)
    return (
      <>
        <PageHeader title={environment} />
        <ReadRefused message={refused} />
      </>
    );
  const queryClient = await prefetchEnvironment(environment);
  return (
    <>
      <PageHeader
        title={environment}
        description="Every release of this environment, quota use and warning events per cluster."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <LiveUpdates>
          <EnvironmentView environment={environment} />
        </LiveUpdates>
      </HydrationBoundary>
    </>
  );
}
