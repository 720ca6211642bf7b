import { StatusBadge } from '@/components/ui/status-badge';
import type { TTimelineEntry } from '@/lib/tickets/ticket-view';
import { Time } from '@/components/ui/time';

const STANDING = {
  counts: null,
  voided: 'voided by an edit',
  superseded: 'for earlier content',
  expired: 'expired',
} as const;

export function ApprovalsTimeline({ entries }: { entries: TTimelineEntry[] }) {
  if (entries.length === 0)
    return <p className="px-4 py-3 text-sm text-slate-500">No approver has decided yet.</p>;
  return (
    <ol aria-label="Approvals timeline" className="divide-y divide-slate-100">
      {entries.map((e) => (
        <li
          key={e.id}
          data-testid="approval"
          data-standing={e.standing}
          className="px-4 py-2.5 text-sm"
        >
          <div className="flex items-center gap-2">
            <StatusBadge tone={e.decision === 'approve' ? 'ok' : 'fail'}>
              {e.decision === 'approve' ? 'Approved' : 'Rejected'}
            </StatusBadge>
            <span className="font-medium text-slate-900">{e.approverName}</span>
            <span className="text-xs text-slate-500">
              <Time value={e.at} />
            </span>
            {STANDING[e.standing] ? (
              <StatusBadge tone="neutral">{STANDING[e.standing]}</StatusBadge>
            ) : null}
          </div>
          {e.comment ? <p className="mt-1 text-slate-600">{e.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}
