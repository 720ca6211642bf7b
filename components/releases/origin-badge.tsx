// "Changed outside Helmdeck": a revision no Helmdeck operation made. What
// helm's description says about who did it is shown only as a claim.
import { StatusBadge } from '@/components/ui/status-badge';
import type { TOrigin } from '@/lib/releases/provenance';

export function OutsideBadge({ origin }: { origin: TOrigin | undefined }) {
  if (origin?.by !== 'outside') return null;
  const claimed = origin.claimed ? `helm's description claims: “${origin.claimed}”` : undefined;
  return (
    <span data-testid="outside-helmdeck">
      <StatusBadge tone="warn" title={claimed}>
        outside Helmdeck
      </StatusBadge>
    </span>
  );
}

/** The claim itself, for places with room to print it. */
export function ClaimedText({ origin }: { origin: TOrigin | undefined }) {
  if (origin?.by !== 'outside' || !origin.claimed) return null;
  return (
    <span className="text-xs text-slate-500" data-testid="claimed">
      claimed: “{origin.claimed}”
    </span>
  );
}

/** Live objects differ from what the chart set (scaled by hand, image set, ConfigMap edited). */
export function LiveDriftBadge({ objects }: { objects: number | undefined }) {
  if (!objects) return null;
  return (
    <span data-testid="live-drift">
      <StatusBadge
        tone="warn"
        title={`${objects} object${objects === 1 ? '' : 's'} differ from the chart`}
      >
        drifted
      </StatusBadge>
    </span>
  );
}
