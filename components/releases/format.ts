// Plain formatting shared by server and client components of the status view.
import type { TStatusTone } from '@/components/ui/status-badge';

/** "45 s", "12 min", "3 h", "4 d". */
export function durationText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h`;
  return `${Math.round(h / 24)} d`;
}

/** "3 h ago" from an ISO time; "—" when unknown. */
export function ago(iso: string | null | undefined, now: number): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  return `${durationText(now - t)} ago`;
}

/** The exact time, for title attributes. */
export function exactTime(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? undefined
    : d
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
}

export function helmStatusTone(status: string): TStatusTone {
  if (status === 'deployed') return 'ok';
  if (status === 'superseded') return 'neutral';
  if (status === 'failed') return 'fail';
  if (status.startsWith('pending') || status === 'uninstalling') return 'warn';
  return 'neutral';
}

export function healthTone(health: string | null | undefined): TStatusTone {
  switch (health) {
    case 'healthy':
      return 'ok';
    case 'progressing':
      return 'info';
    case 'degraded':
      return 'warn';
    case 'failed':
      return 'fail';
    default:
      return 'neutral';
  }
}

export function clusterStateTone(state: string): TStatusTone {
  if (state === 'ok') return 'ok';
  if (state === 'slow' || state === 'starting') return 'warn';
  return 'fail';
}

/** Path of a release page. */
export function releaseHref(environment: string, cluster: string, release: string): string {
  return `/releases/${encodeURIComponent(environment)}/${encodeURIComponent(cluster)}/${encodeURIComponent(release)}`;
}

/** Shareable URL of the same release's diff between two places. */
export function environmentDiffHref(
  release: string,
  left: { environment: string; cluster: string },
  right: { environment: string; cluster: string },
): string {
  const q = new URLSearchParams({
    release,
    left: `${left.environment}/${left.cluster}`,
    right: `${right.environment}/${right.cluster}`,
  });
  return `/releases/diff?${q.toString()}`;
}
