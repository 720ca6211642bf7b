// What the notifications page shows: each webhook delivery with its event,
// attempts, last answer and next retry. A webhook URL can carry its secret in
// the path (Slack's do), so only its origin ever leaves this module.
import type { PrismaClient } from '@/lib/db';
import type { TAttempt } from './dispatch';

export interface TDeliveryRow {
  id: string;
  webhook: string;
  /** Scheme, host and port of the URL; never its path or query. */
  target: string;
  event: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  /** When the dispatcher tries again; null once delivered or given up. */
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
  attemptLog: TAttempt[];
  ticketId: number | null;
  operationId: number | null;
}

/** The URL as far as it can be shown: its origin, or a placeholder when it does not parse. */
export function webhookTarget(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

function attemptsOf(log: unknown): TAttempt[] {
  if (!Array.isArray(log)) return [];
  return log.map((entry: Partial<TAttempt>) => ({
    at: String(entry.at ?? ''),
    durationMs: Number(entry.durationMs ?? 0),
    ...(typeof entry.statusCode === 'number' ? { statusCode: entry.statusCode } : {}),
    ...(typeof entry.error === 'string' ? { error: entry.error } : {}),
  }));
}

/** The newest deliveries first. */
export async function listDeliveries(
  prisma: PrismaClient,
  options: { limit?: number } = {},
): Promise<TDeliveryRow[]> {
  const rows = await prisma.webhookDelivery.findMany({
    orderBy: { createdAt: 'desc' },
    take: options.limit ?? 100,
    select: {
      id: true,
      webhook: true,
      url: true,
      event: true,
      state: true,
      attempts: true,
      lastStatusCode: true,
      lastError: true,
      nextAttemptAt: true,
      createdAt: true,
      deliveredAt: true,
      attemptLog: true,
      ticketId: true,
      operationId: true,
    },
  });
  return rows.map(({ url, attemptLog, ...r }) => ({
    ...r,
    target: webhookTarget(url),
    nextAttemptAt: r.state === 'pending' ? r.nextAttemptAt : null,
    attemptLog: attemptsOf(attemptLog),
  }));
}
