import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { BlueGreenPanel } from '@/components/strategies/blue-green-panel';
import { PageHeader } from '@/components/ui/page-header';
import { ForbiddenError } from '@/lib/auth/errors';
import { requireViewer } from '@/lib/auth/session';
import { decide } from '@/lib/policy';
import { BlueGreenNotFoundError, getBlueGreenView } from '@/lib/strategies/view/blue-green-view';

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
  return { title: `${p.release} blue/green · ${p.environment}/${p.cluster}` };
}

export default async function BlueGreenPage({ params }: TProps) {
  const user = await requireViewer();
  const place = await decoded(params);
  let view;
  try {
    view = await getBlueGreenView(user, place);
  } catch (e) {
    if (e instanceof ForbiddenError) forbidden();
    if (e instanceof BlueGreenNotFoundError) notFound();
    throw e;
  }
  const canAct = decide({ user, action: 'switch_traffic', target: place }).allow;
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
        title={`${place.release} · blue/green`}
        description={`${place.environment} · cluster ${place.cluster}`}
      />
      <BlueGreenPanel view={view} canAct={canAct} />
    </>
  );
}
