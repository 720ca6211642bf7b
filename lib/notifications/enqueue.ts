// Notifications are written as WebhookDelivery rows in the caller's
// transaction (an outbox): an event that commits is always delivered, one
// that rolls back never is, and the dispatcher sends them in the background.
import type { Prisma } from '@/lib/db';
import type { TWebhook } from '@/lib/config/schema';
import { buildPayload, type TNotificationData, type TNotificationEvent } from './payload';

/** The name a delivery records; unnamed webhooks are known by position. */
export function webhookName(webhook: Pick<TWebhook, 'name'>, index: number): string {
  return webhook.name ?? `webhook-${index + 1}`;
}

export interface TEnqueueRefs {
  ticketId?: number | null;
  operationId?: number | null;
}

/** One pending delivery per webhook subscribed to `event`; returns their ids. */
export async function enqueueNotification(
  tx: Prisma.TransactionClient,
  webhooks: readonly TWebhook[],
  event: TNotificationEvent,
  data: TNotificationData,
  refs: TEnqueueRefs = {},
  now: Date = new Date(),
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, webhook] of webhooks.entries()) {
    if (!webhook.events.includes(event)) continue;
    const row = await tx.webhookDelivery.create({
      data: {
        webhook: webhookName(webhook, index),
        url: webhook.url,
        event,
        payload: buildPayload(webhook, event, data, now) as Prisma.InputJsonObject,
        ticketId: refs.ticketId ?? null,
        operationId: refs.operationId ?? null,
        nextAttemptAt: now,
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  if (ids.length > 0) wakeDispatchers();
  return ids;
}

// In-process dispatchers register here so a new delivery goes out at once
// instead of at the next poll; other instances pick it up by polling.
const listeners = new Set<() => void>();

export function onNotificationEnqueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells this process's dispatchers a delivery is waiting (after the caller's transaction). */
export function wakeDispatchers(): void {
  // After the caller's transaction had a chance to commit.
  setTimeout(() => {
    for (const l of listeners) l();
  }, 50).unref();
}
