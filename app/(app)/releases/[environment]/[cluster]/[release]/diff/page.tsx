import type { Metadata } from 'next';
import Link from 'next/link';
import { diffMode, readDiff } from '@/app/_lib/read-diff';
import { nameParam, revisionParam } from '@/lib/http/params';
import { DiffView } from '@/components/diff/diff-view';
import { releaseHref } from '@/components/releases/format';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { authorizeRead } from '@/lib/auth/read-check';
import { requireView } from '@/lib/auth/session';
import { getRevisionDiff } from '@/lib/release-view';

type TParams = { environment: string; cluster: string; release: string };
type TSearch = { from?: string; to?: string; view?: string };
type TProps = { params: Promise<TParams>; searchParams: Promise<TSearch> };

export async function generateMetadata({ params, searchParams }: TProps): Promise<Metadata> {
  const p = await params;
  const q = await searchParams;
  return { title: `${decodeURIComponent(p.release)} revision ${q.from ?? '?'} → ${q.to ?? '?'}` };
}

export default async function RevisionDiffPage({ params, searchParams }: TProps) {
  const raw = await params;
  const environment = decodeURIComponent(raw.environment);
  const user = await requireView(environment);
  const cluster = decodeURIComponent(raw.cluster);
  const release = decodeURIComponent(raw.release);
  const q = await searchParams;
  const mode = diffMode(q.view);
  const result = await readDiff(async () => {
    await authorizeRead(user, { environment, cluster });
    return getRevisionDiff(
      nameParam('environment', environment),
      nameParam('cluster', cluster),
      nameParam('release', release),
      revisionParam('from', q.from ?? null),
      revisionParam('to', q.to ?? null),
    );
  });
  const base = releaseHref(environment, cluster, release);
  const href = (over: Partial<TSearch>) => {
    const next = new URLSearchParams({ from: q.from ?? '', to: q.to ?? '', view: mode, ...over });
    return `${base}/diff?${next.toString()}`;
  };
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-1 text-xs text-slate-500">
        <Link href="/" className="hover:text-indigo-600">
          Overview
        </Link>{' '}
        /{' '}
        <Link href={base} className="hover:text-indigo-600">
          {release} · {environment}/{cluster}
        </Link>{' '}
        /{' '}
        <Link href={`${base}?tab=history`} className="hover:text-indigo-600">
          history
        </Link>
      </nav>
      <PageHeader
        title={`${release}: revision ${q.from ?? '?'} → ${q.to ?? '?'}`}
        description={`${environment} · cluster ${cluster}. Secret values are shown only as changed.`}
        actions={
          q.from && q.to ? (
            <Link
              href={href({ from: q.to, to: q.from })}
              className="text-sm font-medium text-indigo-600 hover:underline"
            >
              Swap sides
            </Link>
          ) : null
        }
      />
      {result.ok ? (
        <DiffView diff={result.data} mode={mode} modeHref={(m) => href({ view: m })} />
      ) : (
        <Panel>
          <EmptyState title="This diff cannot be shown">{result.message}</EmptyState>
        </Panel>
      )}
    </>
  );
}
