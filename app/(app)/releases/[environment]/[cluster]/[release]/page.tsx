import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { prefetchRelease } from '@/app/_lib/prefetch';
import { readDiff } from '@/app/_lib/read-diff';
import { ReleaseActionsSlot } from '@/components/operations/release-actions-slot';
import { LiveUpdates } from '@/components/releases/live-updates';
import { ReleaseDetailView } from '@/components/releases/release-detail-view';
import { RELEASE_TABS, type TReleaseTab } from '@/components/releases/release-tabs';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { readRefusal } from '@/lib/auth/read-check';
import { requireView } from '@/lib/auth/session';
import { ReadRefused } from '@/components/ui/read-refused';

type TParams = { environment: string; cluster: string; release: string };
type TProps = { params: Promise<TParams>; searchParams: Promise<{ tab?: string }> };

async function decoded(params: Promise<TParams>): Promise<TParams> {
  const p = await params;
  return {
    environment: decodeURIComponent(p.environment),
    cluster: decodeURIComponent(p.cluster),
    release: decodeURIComponent(p.release),
  };
}

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const p = await decoded(params);
  return { title: `${p.release} · ${p.environment}/${p.cluster}` };
}

export default async function ReleasePage({ params, searchParams }: TProps) {
  const { environment, cluster, release } = await decoded(params);
  const user = await requireView(environment);
  const refused = await readRefusal(user, { environment, cluster });
  if (refused)
    return (
      <>
        <PageHeader title={release} description={`${environment} · cluster ${cluster}`} />
        <ReadRefused message={refused} />
      </>
    );
  const asked = (await searchParams).tab;
  const tab: TReleaseTab = RELEASE_TABS.find((t) => t === asked) ?? 'status';
  // A cluster that never answered is a message on the page ("unreachable since ..."), not an error page.
  const read = await readDiff(() => prefetchRelease(environment, cluster, release));
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-1 text-xs text-slate-500">
        <Link href="/" className="hover:text-indigo-600">
          Overview
        </Link>{' '}
        /{' '}
        <Link
          href={`/environments/${encodeURIComponent(environment)}`}
          className="hover:text-indigo-600"
        >
          {environment}
        </Link>{' '}
        / {cluster}
      </nav>
      <PageHeader title={release} description={`${environment} · cluster ${cluster}`} />
      {read.ok ? (
        <HydrationBoundary state={dehydrate(read.data)}>
          <LiveUpdates>
            {/* Release manager actions; renders nothing for viewers. */}
            <ReleaseActionsSlot environment={environment} cluster={cluster} release={release} />
            <ReleaseDetailView
              environment={environment}
              cluster={cluster}
              release={release}
              tab={tab}
            />
          </LiveUpdates>
        </HydrationBoundary>
      ) : (
        <Panel>
          <EmptyState title="Release status is not available">{read.message}</EmptyState>
        </Panel>
      )}
    </>
  );
}
