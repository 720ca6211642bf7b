'use server';

// Pause and resume of the canary page. Authenticated here; lib/canary
// validates, authorises through lib/policy and audits.
import { runAction } from '@/app/_lib/run-action';
import { requireUser } from '@/lib/auth/session';
import { controlCanary } from '@/lib/canary/control';
import type { TActionResult } from '@/lib/errors';

export async function controlCanaryAction(
  input: unknown,
): Promise<TActionResult<{ state: string }>> {
  return runAction('controlCanary', async () => controlCanary(await requireUser(), input));
}
