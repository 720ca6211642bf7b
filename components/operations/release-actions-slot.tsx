// Server side of the release page's actions: only a user whom policy allows
// to change this environment gets the buttons (viewers see none).
import { getCurrentUser } from '@/lib/auth/session';
import { decide } from '@/lib/policy';
import { ReleaseActions } from './release-actions';
import type { TTarget } from './target';

export async function ReleaseActionsSlot(target: TTarget) {
  const user = await getCurrentUser();
  if (!user) return null;
  const allowed = decide({
    user,
    action: 'upgrade',
    target: { environment: target.environment, cluster: target.cluster, release: target.release },
  }).allow;
  return allowed ? <ReleaseActions target={target} /> : null;
}
