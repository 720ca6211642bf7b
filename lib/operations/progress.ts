// Live progress: each line lands in operation_log and a NOTIFY tells every
// instance (any of them may be streaming the page) that there is more.
import pg from 'pg';
import { getPrisma, type PrismaClient } from '@/lib/db';
import { redactText, type TKnownSecrets } from '@/lib/releases/redact';

export const PROGRESS_CHANNEL = 'helmdeck_operation_progress';

export type TLogStream = 'helm-stdout' | 'helm-stderr' | 'info';

const MAX_LINE = 4000;

export type TOperationLogger = {
  line(stream: TLogStream, line: string): void;
  /** Splits a chunk of process output into lines; the tail waits for the next chunk. */
  chunk(stream: TLogStream, data: string): void;
  flush(): Promise<void>;
};

/**
 * Writes lines in order, credentials and the operation's `known` secret
 * values masked; `flush()` waits for everything written so far.
 */
export function operationLogger(
  prisma: PrismaClient,
  operationId: number,
  known: TKnownSecrets = [],
): TOperationLogger {
  let chain: Promise<unknown> = Promise.resolve();
  const write = (stream: TLogStream, raw: string) => {
    const line = redactText(raw, known);
    const text = line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
    chain = chain
      // One round trip: the line, the row's last-progress text and the wake-up for streaming pages.
      .then(
        () => prisma.$executeRaw`
        WITH line AS (INSERT INTO operation_log ("operationId", stream, line) VALUES (${operationId}, ${stream}, ${text}) RETURNING id),
             op AS (UPDATE operation SET progress = ${text.slice(0, 300)} WHERE id = ${operationId} RETURNING id)
        SELECT pg_notify(${PROGRESS_CHANNEL}, ${String(operationId)}) FROM line, op`,
      )
      .catch((e: unknown) =>
        console.error(
          `[operations] progress of #${operationId} not written: ${(e as Error).message}`,
        ),
      );
  };
  const partial: Record<string, string> = {};
  return {
    line: write,
    chunk(stream: TLogStream, data: string) {
      const text = (partial[stream] ?? '') + data;
      const lines = text.split('\n');
      partial[stream] = lines.pop() ?? '';
      for (const l of lines) if (l.trim() !== '') write(stream, l.replace(/\r$/, ''));
    },
    async flush() {
      for (const [stream, rest] of Object.entries(partial))
        if (rest.trim() !== '') write(stream as TLogStream, rest);
      for (const k of Object.keys(partial)) delete partial[k];
      await chain;
    },
  };
}

/** The log of an operation after `afterId`, oldest first. */
export async function operationLogs(operationId: number, afterId = 0n) {
  const prisma = await getPrisma();
  return prisma.operationLog.findMany({
    where: { operationId, id: { gt: afterId } },
    orderBy: { id: 'asc' },
    take: 1000,
  });
}

/** Calls `onProgress(operationId)` for every progress NOTIFY on `url`; returns a stop function. */
export async function listenProgress(
  url: string,
  onProgress: (operationId: number) => void,
): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  client.on('notification', (n) => {
    if (n.channel === PROGRESS_CHANNEL) onProgress(Number(n.payload));
  });
  await client.query(`LISTEN ${PROGRESS_CHANNEL}`);
  return async () => {
    await client.end().catch(() => {});
  };
}
