// "Send test" on the notifications page: one delivery of a `webhook.test`
// message to one configured webhook, whatever events it subscribes to, sent
// by the dispatcher like any other (so its attempts and answer show up in
// the list). The delivery and its audit record are written together.
import { appendAudit, AUDIT_TX_OPTIONS, publishChainHead } from '@/lib/audit';
import type { TWebhook } from '@/lib/config/schema';
import type { Prisma, PrismaClient } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { wakeDispatchers, webhookName } from './enqueue';
import { webhookTarget } from './deliveries';

export const TEST_EVENT = 'webhook.test';

export function testPayload(
  webhook: Pick<TWebhook, 'format'>,
  sender: string,
  at: Date,
): Record<string, unknown> {
  const text = `Test notification from Helmdeck, sent by ${sender}`;
  if (webhook.format === 'slack') {
    return {
      text,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text } },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: `${TEST_EVENT} · ${at.toISOString()}` }],
        },
      ],
    };
  }
  return { event: TEST_EVENT, occurredAt: at.toISOString(), text, actor: sender };
}

/** Queues the test message for the webhook called `name`; returns the delivery's id. */
export async function sendTestNotification(
  prisma: PrismaClient,
  webhooks: readonly TWebhook[],
  name: string,
  actor: { id: string; name: string | null },
  now: Date = new Date(),
): Promise<string> {
  const index = webhooks.findIndex((w, i) => webhookName(w, i) === name);
  const webhook = webhooks[index];
  if (!webhook) {
    throw new AppError('invalid', `webhook: no webhook named "${name}" is configured.`, {
      param: 'webhook',
      problems: [`webhook: must be one of ${webhooks.map(webhookName).join(', ') || '(none)'}`],
    });
  }
  const id = await prisma.$transaction(async (tx) => {
    const row = await tx.webhookDelivery.create({
      data: {
        webhook: name,
        url: webhook.url,
        event: TEST_EVENT,
        payload: testPayload(webhook, actor.name ?? actor.id, now) as Prisma.InputJsonObject,
        nextAttemptAt: now,
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      actor: actor.id,
      actorName: actor.name,
      action: 'webhook.test',
      outcome: 'succeeded',
      details: { webhook: name, target: webhookTarget(webhook.url), deliveryId: row.id },
    });
    return row.id;
  }, AUDIT_TX_OPTIONS);
  await publishChainHead(prisma).catch((e: unknown) =>
    console.error(
      `[audit] publishing the chain head failed: ${e instanceof Error ? e.message : e}`,
    ),
  );
  wakeDispatchers();
  return id;
}
