// Sends pending webhook deliveries, in the background, from any instance.
// A delivery is claimed with SKIP LOCKED and leased by pushing its next
// attempt forward, so two instances never send it at once; each attempt is
// appended to its attemptLog; failures retry with bounded exponential backoff.
import type { Prisma, PrismaClient } from '@/lib/db';
import type { TWebhook } from '@/lib/config/schema';
import { webhookName, onNotificationEnqueued } from './enqueue';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  signBody,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from './sign';

export interface TDispatchOptions {
  prisma: PrismaClient;
  /** The configured webhooks (a function, so a reloaded configuration is seen). */
  webhooks: () => readonly TWebhook[];
  /** Attempts before a delivery is given up as failed. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  requestTimeoutMs?: number;
  batchSize?: number;
}

export interface TAttempt {
  at: string;
  statusCode?: number;
  error?: string;
  durationMs: number;
}

const DEFAULTS = {
  maxAttempts: 6,
  baseDelayMs: 5_000,
  maxDelayMs: 15 * 60_000,
  requestTimeoutMs: 10_000,
  batchSize: 20,
};

/** Wait before attempt `attempt + 1`: base, 2×base, 4×base... capped at max. */
export function retryDelayMs(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

type TClaimed = {
  id: string;
  webhook: string;
  url: string;
  event: string;
  payload: unknown;
  attempts: number;
  attemptLog: unknown;
};

async function claimDue(prisma: PrismaClient, batch: number, leaseMs: number): Promise<TClaimed[]> {
  return prisma.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM webhook_delivery
      WHERE state = 'pending' AND "nextAttemptAt" <= now()
      ORDER BY "nextAttemptAt" LIMIT ${batch}
      FOR UPDATE SKIP LOCKED`;
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    await tx.webhookDelivery.updateMany({
      where: { id: { in: ids } },
      data: { nextAttemptAt: new Date(Date.now() + leaseMs) },
    });
    return tx.webhookDelivery.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        webhook: true,
        url: true,
        event: true,
        payload: true,
        attempts: true,
        attemptLog: true,
      },
    });
  });
}

function errorText(e: unknown): string {
  const cause = (e as { cause?: { code?: string } }).cause;
  if (cause?.code) return cause.code;
  if (e instanceof Error && e.name === 'TimeoutError') return 'timed out';
  return e instanceof Error ? e.message.slice(0, 200) : 'request failed';
}

async function send(delivery: TClaimed, webhook: TWebhook | undefined, timeoutMs: number) {
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Helmdeck-Webhooks/1',
    [EVENT_HEADER]: delivery.event,
    [DELIVERY_HEADER]: delivery.id,
    [TIMESTAMP_HEADER]: String(timestamp),
  };
  if (webhook?.secret) headers[SIGNATURE_HEADER] = signBody(webhook.secret, timestamp, body);
  const response = await fetch(delivery.url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
}

// Client errors other than timeouts and rate limits will not heal by retrying.
function permanent(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

async function attempt(
  options: Required<Omit<TDispatchOptions, 'prisma' | 'webhooks'>> & TDispatchOptions,
  delivery: TClaimed,
) {
  const webhooks = options.webhooks();
  const webhook = webhooks.find((w, i) => webhookName(w, i) === delivery.webhook);
  const started = Date.now();
  const entry: TAttempt = { at: new Date(started).toISOString(), durationMs: 0 };
  let ok = false;
  let giveUp = false;
  if (!webhook) {
    entry.error = 'webhook no longer configured';
    giveUp = true;
  } else {
    try {
      const status = await send(delivery, webhook, options.requestTimeoutMs);
      entry.statusCode = status;
      ok = status >= 200 && status < 300;
      if (!ok) entry.error = `HTTP ${status}`;
      giveUp = permanent(status);
    } catch (e) {
      entry.error = errorText(e);
    }
  }
  entry.durationMs = Date.now() - started;
  const attempts = delivery.attempts + 1;
  const log = [...(Array.isArray(delivery.attemptLog) ? delivery.attemptLog : []), entry];
  const failed = !ok && (giveUp || attempts >= options.maxAttempts);
  await options.prisma.webhookDelivery.update({
    where: { id: delivery.id },
    data: {
      attempts,
      attemptLog: log as Prisma.InputJsonArray,
      lastStatusCode: entry.statusCode ?? null,
      lastError: entry.error ?? null,
      state: ok ? 'delivered' : failed ? 'failed' : 'pending',
      ...(ok ? { deliveredAt: new Date() } : {}),
      ...(!ok && !failed
        ? {
            nextAttemptAt: new Date(
              Date.now() + retryDelayMs(attempts, options.baseDelayMs, options.maxDelayMs),
            ),
          }
        : {}),
    },
  });
}

/** Attempts every delivery due now, once; returns how many were attempted. */
export async function deliverDue(options: TDispatchOptions): Promise<number> {
  const o = { ...DEFAULTS, ...options };
  const claimed = await claimDue(o.prisma, o.batchSize, o.requestTimeoutMs + 30_000);
  await Promise.all(claimed.map((d) => attempt(o, d)));
  return claimed.length;
}

export interface TDispatcher {
  /** Look for due deliveries now rather than at the next poll. */
  kick(): void;
  stop(): Promise<void>;
}

/** Polls for due deliveries every `pollMs` (and at once when one is enqueued in this process). */
export function startNotificationDispatcher(
  options: TDispatchOptions & { pollMs?: number },
): TDispatcher {
  const pollMs = options.pollMs ?? 5_000;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    running = (async () => {
      do {
        again = false;
        try {
          while (!stopped && (await deliverDue(options)) > 0) again = false;
        } catch (e) {
          console.error('webhook dispatcher:', e instanceof Error ? e.message : e);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(run, pollMs).unref();
    });
  };
  const unsubscribe = onNotificationEnqueued(run);
  run();
  return {
    kick: run,
    stop: async () => {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
