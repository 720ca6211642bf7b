import Link from 'next/link';
import type { TOperationView } from '@/lib/operations/operation-view';
import { Panel } from '@/components/ui/panel';
import { createdText, type TCreatedRevision } from './revisions-created';

const time = (iso: string | null) => (iso ? iso.slice(0, 19).replace('T', ' ') + ' UTC' : '—');

export function OperationFacts({
  op,
  created,
}: {
  op: TOperationView;
  /** From the release's history; undefined while it loads or when it cannot be read. */
  created?: TCreatedRevision[];
}) {
  const rows: [string, React.ReactNode][] = [
    ['Requested by', op.requestedBy],
    ['Where', `${op.environment}/${op.cluster} · ns/${op.namespace}`],
    [
      'Revision',
      op.kind === 'rollback'
        ? `${op.revisionBefore ?? '—'} → ${op.targetRevision ?? '—'}${op.revisionAfter ? ` (as ${op.revisionAfter})` : ''}`
        : `${op.revisionBefore ?? '—'} → ${op.revisionAfter ?? '—'}`,
    ],
    [
      'Revisions created',
      created === undefined ? '…' : created.length ? createdText(created) : 'none',
    ],
    [
      'Chart',
      op.chart
        ? `${op.chart.split('/').pop()}${op.chartVersion ? `@${op.chartVersion}` : ''}`
        : '—',
    ],
    ['Image tag', op.imageTag ?? '—'],
    [
      'Values digest',
      op.valuesDigest ? <span title={op.valuesDigest}>{op.valuesDigest.slice(0, 12)}…</span> : '—',
    ],
    [
      'Ticket',
      op.ticketId ? (
        <Link href={`/tickets/${op.ticketId}`} className="text-indigo-600 hover:underline">
          #{op.ticketId}
        </Link>
      ) : (
        '—'
      ),
    ],
    ['Queued', time(op.createdAt)],
    ['Started', time(op.startedAt)],
    ['Finished', time(op.finishedAt)],
    ['Exit status', op.exitStatus ?? '—'],
  ];
  if (op.breakGlassReason) rows.push(['Break-glass', op.breakGlassReason]);
  return (
    <Panel title="Details">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 px-4 py-3 text-xs">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="font-mono break-all text-slate-800">{v}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}
