import { StatusBadge, type TStatusTone } from '@/components/ui/status-badge';

const TONE: Record<string, TStatusTone> = {
  queued: 'neutral',
  running: 'info',
  succeeded: 'ok',
  failed: 'fail',
  needs_recovery: 'warn',
  cancelled: 'neutral',
};

export function OperationStateBadge({ state }: { state: string }) {
  return <StatusBadge tone={TONE[state] ?? 'neutral'}>{state.replace('_', ' ')}</StatusBadge>;
}
