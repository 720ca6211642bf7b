// The breadcrumb and title of a release's strategy page (blue/green, canary).
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';

export function StrategyPageHeader({
  place,
  strategy,
}: {
  place: { environment: string; cluster: string; release: string };
  strategy: string;
}) {
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
        title={`${place.release} · ${strategy}`}
        description={`${place.environment} · cluster ${place.cluster}`}
      />
    </>
  );
}
