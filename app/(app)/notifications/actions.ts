'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type TActionResult } from '@/app/_lib/run-action';
import { recordAudit } from '@/lib/audit';
import { requireRole } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { sendTestNotification } from '@/lib/notifications';

export type TSendTestState = TActionResult<string> | null;

/** Admins only; origin-checked like every server action (lib/http/request-guard.ts). */
export async function sendTestAction(
  _prev: TSendTestState,
  form: FormData,
): Promise<TSendTestState> {
  return runAction('sendTestNotification', async () => {
    const user = await requireRole('admin');
    const name = String(form.get('webhook') ?? '');
    const prisma = await getPrisma();
    try {
      await sendTestNotification(prisma, getConfig().webhooks, name, user);
    } catch (error) {
      await recordAudit(prisma, {
        actor: user.id,
        actorName: user.name,
        action: 'webhook.test',
        outcome: 'failed',
        error: error instanceof Error ? error.message : 'unexpected error',
        details: { webhook: name },
      }).catch(() => undefined); // the refusal itself matters more than its audit
      throw error;
    }
    revalidatePath('/notifications');
    return `Test message queued for ${name}; its delivery appears below.`;
  });
}
