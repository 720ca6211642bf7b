// What the operation queue tells tickets and notifications when an operation
// starts and ends: webhooks (outbox, same transaction) and the state of the
// change ticket it deploys.
import type { Prisma } from '@/lib/db';
import { enqueueNotification } from '@/lib/notifications/enqueue';
import type { TNotificationEvent, TOperationSummary } from '@/lib/notifications/payload';
import { recordTicketDeployment } from '@/lib/tickets/ticket-deployment';
import { operationsRuntime } from './runtime';

type TOpRow = Omit<TOperationSummary, 'state' | 'revisionAfter'> & {
  state: string;
  revisionAfter: number | null;
  requestedById: string;
};

export function operationSummary(op: TOpRow): TOperationSummary {
  return {
    id: op.id,
    kind: op.kind,
    state: op.state,
    release: op.release,
    environment: op.environment,
    cluster: op.cluster,
    namespace: op.namespace,
    chartVersion: op.chartVersion,
    imageTag: op.imageTag,
    revisionBefore: op.revisionBefore,
    revisionAfter: op.revisionAfter,
    ticketId: op.ticketId,
  };
}

/** Ticket state and webhooks for an operation that was queued or reached its outcome. */
export async function recordOperationEvent(
  tx: Prisma.TransactionClient,
  op: TOpRow,
  event: 'started' | 'succeeded' | 'failed' | 'rolled_back',
  actor: { id: string; name?: string | null },
): Promise<void> {
  if (op.ticketId !== null) {
    await recordTicketDeployment(tx, op.ticketId, {
      actor,
      operationId: op.id,
      outcome: event === 'started' ? 'started' : event === 'succeeded' ? 'succeeded' : 'failed',
    });
  }
  const name: TNotificationEvent = `operation.${event}`;
  await enqueueNotification(
    tx,
    operationsRuntime().config.webhooks ?? [],
    name,
    { operation: operationSummary(op), actor: actor.name || actor.id },
    { operationId: op.id, ticketId: op.ticketId },
  );
}
