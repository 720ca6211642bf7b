import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { getAuditRecord } from '@/lib/audit';
import { requireViewer } from '@/lib/auth/session';
import { viewScope } from '@/lib/policy';
import { Time } from '@/components/ui/time';

type TProps = { params: Promise<{ seq: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  return { title: `Audit record #${(await params).seq}` };
}

const TONE = { succeeded: 'ok', failed: 'fail', denied: 'warn', intent: 'info' } as const;

export default async function AuditRecordPage({ params }: TProps) {
  const user = await requireViewer();
  const raw = (await params).seq;
  if (!/^\d{1,15}$/.test(raw)) notFound();
  const r = await getAuditRecord(Number(raw), viewScope(user));
  if (!r) notFound();
  const rows: [string, React.ReactNode][] = [
    ['When', <Time key="at" value={r.at} />],
    ['Who', `${r.actorName ?? '—'} (${r.actor})`],
    ['Action', r.action],
    [
      'Outcome',
      <StatusBadge key="o" tone={TONE[r.outcome]}>
        {r.outcome}
      </StatusBadge>,
    ],
    ['Environment / cluster', `${r.environment ?? '—'} / ${r.cluster ?? '—'}`],
    ['Namespace / release', `${r.namespace ?? '—'} / ${r.release ?? '—'}`],
    ['Revision before → after', `${r.revisionBefore ?? '—'} → ${r.revisionAfter ?? '—'}`],
    ['Chart', r.chart ? `${r.chart}${r.chartVersion ? `@${r.chartVersion}` : ''}` : '—'],
    ['Values digest', r.valuesDigest ?? '—'],
    [
      'Ticket',
      r.ticketId ? (
        <Link key="t" href={`/tickets/${r.ticketId}`} className="text-indigo-600">
          #{r.ticketId}
        </Link>
      ) : (
        '—'
      ),
    ],
    [
      'Operation',
      r.operationId ? (
        <Link key="op" href={`/operations/${r.operationId}`} className="text-indigo-600">
          #{r.operationId}
        </Link>
      ) : (
        '—'
      ),
    ],
    ['Duration', r.durationMs === null ? '—' : `${(r.durationMs / 1000).toFixed(1)} s`],
    ['Exit status', r.exitStatus ?? '—'],
    ['Error', r.error ?? '—'],
    ['Previous hash', r.prevHash],
    ['Hash', r.hash],
  ];
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-1 text-xs text-slate-500">
        <Link href="/audit" className="hover:text-indigo-600">
          Audit
        </Link>{' '}
        / #{r.seq}
      </nav>
      <PageHeader title={`Audit record #${r.seq}`} description={`${r.action} · ${r.outcome}`} />
      <Panel title="Record">
        <dl
          className="grid grid-cols-[12rem_1fr] gap-x-4 gap-y-2 px-4 py-3 text-sm"
          aria-label="Audit record"
        >
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="font-mono text-xs break-all text-slate-800">{v}</dd>
            </div>
          ))}
        </dl>
      </Panel>
      <Panel title="Details" className="mt-4">
        <pre className="overflow-x-auto px-4 py-3 font-mono text-xs">
          {JSON.stringify(r.details ?? {}, null, 2)}
        </pre>
      </Panel>
    </>
  );
}
