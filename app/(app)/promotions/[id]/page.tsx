import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PromotionLive } from '@/components/promotions/promotion-live';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/session';
import { decide } from '@/lib/policy';
import { getPromotion } from '@/lib/promotions';
import type { TPromotionJson } from '@/lib/promotions/read-promotion';

type TProps = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  return { title: `Promotion #${(await params).id}` };
}

export default async function PromotionPage({ params }: TProps) {
  const user = await requireViewer();
  const raw = (await params).id;
  if (!/^\d{1,9}$/.test(raw)) notFound();
  const p = await getPromotion(user, Number(raw));
  if (!p) notFound();
  const canControl = decide({
    user,
    action: 'promote',
    target: { environment: p.toEnvironment, release: p.release },
  }).allow;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-1 text-xs text-slate-500">
        <Link href="/" className="hover:text-indigo-600">
          Overview
        </Link>{' '}
        /{' '}
        <Link
          href={`/pipelines/${encodeURIComponent(p.release)}`}
          className="hover:text-indigo-600"
        >
          {p.release} pipeline
        </Link>
      </nav>
      <PageHeader
        title={`Promotion #${p.id} · ${p.release} to ${p.toEnvironment}`}
        description="Each cluster: pre-deploy checks, deploy, verification, then the automatic-rollback watch; waves soak before the next starts."
      />
      <PromotionLive
        initial={JSON.parse(JSON.stringify(p)) as TPromotionJson}
        canControl={canControl}
      />
    </>
  );
}
