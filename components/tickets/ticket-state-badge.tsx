import { StatusBadge, type TStatusTone } from '@/components/ui/status-badge';
import { TICKET_STATE_LABELS, type TTicketState } from '@/lib/tickets/ticket-states';

const TONE: Record<TTicketState, TStatusTone> = {
  draft: 'neutral',
  pending: 'warn',
  approved: 'ok',
  rejected: 'fail',
  expired: 'warn',
  scheduled: 'info',
  deployed: 'ok',
  cancelled: 'neutral',
};

export function TicketStateBadge({ state }: { state: TTicketState }) {
  return <StatusBadge tone={TONE[state]}>{TICKET_STATE_LABELS[state]}</StatusBadge>;
}
