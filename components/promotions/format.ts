// How promotion and step states read and which tone they get.
import type { TStatusTone } from '@/components/ui/status-badge';

const TONES: Record<string, TStatusTone> = {
  succeeded: 'ok',
  failed: 'fail',
  rolled_back: 'fail',
  needs_attention: 'warn',
  aborted: 'neutral',
  skipped: 'neutral',
  paused: 'warn',
  pending: 'neutral',
  running: 'info',
  checking: 'info',
  deploying: 'info',
  verifying: 'info',
  soaking: 'info',
};

export const stateTone = (state: string): TStatusTone => TONES[state] ?? 'neutral';
export const stateText = (state: string) => state.replace('_', ' ');
export const pipelineHref = (release: string) => `/pipelines/${encodeURIComponent(release)}`;
export const promotionHref = (id: number) => `/promotions/${id}`;
/** sha256:abcdef… → sha256:abcdef123456 (enough to tell builds apart). */
export const shortDigest = (digest: string) => digest.slice(0, 'sha256:'.length + 12);
