import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { CanaryPanel } from '@/components/strategies/canary-panel';
import { PageHeader } from '@/components/ui/page-header';
import { ForbiddenError } from '@/lib/auth/errors';
import { requireViewer } from '@/lib/auth/session';
import { CanaryNotFoundError, getCanaryView } from '@/lib/canary/view';
import { decide } from '@/lib/policy';
import { controlCanaryAction } from './actions';

type TParams = { environment: string; cluster: string; release: string };
type TProps = { params: Promise<TParams> };

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
  return { title: `${p.release} canary · ${p.environment}/${p.cluster}` };
}

export default async function CanaryPage({ params }: TProps) {
  const user = await requireViewer();
  const place = await decoded(params);
  let view;
  try {
    view = await getCanaryView(user, place);
  } catch (e) {
    if (e instanceof ForbiddenError) forbidden();
    if (e instanceof CanaryNotFoundError) notFound();
    throw e;
  }
  const canAct = decide({ user, action: 'canary_step', target: place }).allow;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-1 text-xs text-slate-500">
        <Link href="/" className="hover:text-indigo-600">
          Overview
        </Link>{' '}
        /{' '}
        <Link
          href={`/environments/${encodeURIComponent(place.environment)}`}
          className="hover:text-indigo-600"
        >
          {place.environment}
        </Link>{' '}
        / {place.cluster}
      </nav>
      <PageHeader
        title={`${place.release} · canary`}
        description={`${place.environment} · cluster ${place.cluster}`}
      />
      <CanaryPanel view={view} canAct={canAct} control={controlCanaryAction} />
    </>
  );
}
