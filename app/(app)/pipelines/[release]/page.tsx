import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AutoRefresh } from '@/components/promotions/auto-refresh';
import { PipelinePanel } from '@/components/promotions/pipeline-panel';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/session';
import { getPipelineView } from '@/lib/promotions';

type TProps = { params: Promise<{ release: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  return { title: `${decodeURIComponent((await params).release)} · pipeline` };
}

export default async function PipelinePage({ params }: TProps) {
  const user = await requireViewer();
  const release = decodeURIComponent((await params).release);
  const view = await getPipelineView(user, release);
  if (!view) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-1 text-xs text-slate-500">
        <Link href="/" className="hover:text-indigo-600">
          Overview
        </Link>{' '}
        / pipeline
      </nav>
      <PageHeader
        title={`${release} · pipeline`}
        description={`Stages in promotion order: ${view.stages.map((s) => s.environment).join(' → ')}. A promotion carries exactly the previous stage's chart version, archive digest and image tag.`}
      />
      {/* Live while a promotion runs: the server view is read again every few seconds. */}
      <AutoRefresh everyMs={view.active ? 2000 : 10_000} />
      <PipelinePanel view={view} />
    </>
  );
}
