import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OperationLive } from '@/components/operations/operation-live';
import { OperationVerification } from '@/components/operations/operation-verification';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/session';
import { decide } from '@/lib/policy';
import { getOperationDetail } from '@/lib/operations';
import { operationVerification } from '@/lib/promotions';

type TProps = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  return { title: `Operation #${(await params).id}` };
}

export default async function OperationPage({ params }: TProps) {
  const user = await requireViewer();
  const raw = (await params).id;
  if (!/^\d{1,12}$/.test(raw)) notFound();
  const detail = await getOperationDetail(user, Number(raw));
  if (!detail) notFound();
  const op = detail.operation;
  const verification = await operationVerification({
    id: op.id,
    kind: op.kind,
    state: op.state,
    finishedAt: op.finishedAt ? new Date(op.finishedAt) : null,
  });
  const canAct = decide({ user, action: 'recover', target: { environment: op.environment } }).allow;
  const releaseHref = `/releases/${[op.environment, op.cluster, op.release].map(encodeURIComponent).join('/')}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-1 text-xs text-slate-500">
        <Link href="/operations" className="hover:text-indigo-600">
          Operations
        </Link>{' '}
        / #{op.id}
      </nav>
      <PageHeader
        title={`Operation #${op.id}: ${op.kind} ${op.release}`}
        description={
          <>
            {op.kind} of{' '}
            <Link href={releaseHref} className="text-indigo-600 hover:underline">
              {op.release}
            </Link>{' '}
            in {op.environment}/{op.cluster}, requested by {op.requestedBy}
          </>
        }
      />
      <div className="space-y-4">
        <OperationLive initial={detail} canAct={canAct} />
        <OperationVerification verification={verification} />
      </div>
    </>
  );
}
