// The job queue: pg-boss on Helmdeck's Postgres, so every instance shares
// the work. A NOTIFY after each enqueue wakes idle workers at once instead of
// at their next poll, which keeps pickup latency in milliseconds.
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { getDatabase, getPrisma, grantAppRole, roleOfUrl, type TDatabase } from '@/lib/db';
import type { TJobPlan } from './job-plan';

export const OPERATION_QUEUE = 'helmdeck-operations';
export const WAKE_CHANNEL = 'helmdeck_operation_queued';

let installed: Promise<void> | undefined;

/**
 * pg-boss creates its tables and the queue's partition itself; that is the
 * owner's work, so when we know the owner it does it once, and the app role
 * (which may not create anything) is granted the result.
 */
function installQueue(db: TDatabase): Promise<void> {
  const { ownerUrl } = db;
  if (!ownerUrl || ownerUrl === db.url) return Promise.resolve();
  installed ??= (async () => {
    const boss = await bossOn(ownerUrl, false);
    await boss.stop({ graceful: false, wait: true });
    await grantAppRole(ownerUrl, roleOfUrl(db.url));
  })();
  installed.catch(() => (installed = undefined));
  return installed;
}

/** A started pg-boss on this process's database with the operations queue created. The caller stops it. */
export async function startBoss(options: { supervise?: boolean } = {}): Promise<PgBoss> {
  const db = await getDatabase();
  await installQueue(db);
  return bossOn(db.url, options.supervise ?? false);
}

async function bossOn(url: string, supervise: boolean): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    max: 4,
    schedule: false,
    supervise,
    // Never retried: a failed helm run needs a human, not a second attempt.
    retryLimit: 0,
  });
  boss.on('error', (e) => console.error(`[operations] queue error: ${e.message}`));
  await boss.start();
  await ensureQueue(boss);
  return boss;
}

async function ensureQueue(boss: PgBoss): Promise<void> {
  if (await boss.getQueue(OPERATION_QUEUE)) return;
  try {
    await boss.createQueue(OPERATION_QUEUE, { name: OPERATION_QUEUE, retryLimit: 0 });
  } catch (e) {
    // Another instance created it between our check and create.
    if (!(await boss.getQueue(OPERATION_QUEUE))) throw e;
  }
}

type TSenderState = { url?: string; boss?: Promise<PgBoss> };
const sender: TSenderState = ((globalThis as { __helmdeckBoss?: TSenderState }).__helmdeckBoss ??=
  {});

/** This process's pg-boss for sending jobs, on the current database. */
async function senderBoss(): Promise<PgBoss> {
  const { url } = await getDatabase();
  if (sender.url !== url || !sender.boss) {
    const previous = sender.boss;
    sender.url = url;
    sender.boss = startBoss();
    sender.boss.catch(() => {
      sender.boss = undefined;
    });
    if (previous)
      void previous.then((b) => b.stop({ graceful: false, wait: false })).catch(() => {});
  }
  return sender.boss;
}

/** Enqueues the operation's job under `jobId` (chosen by the caller, stored with the operation) and wakes the workers. */
export async function enqueueOperation(
  plan: TJobPlan,
  expireInSeconds: number,
  jobId: string = randomUUID(),
): Promise<string> {
  const { operationId } = plan;
  const boss = await senderBoss();
  const id = await boss.send(OPERATION_QUEUE, plan, {
    id: jobId,
    retryLimit: 0,
    expireInSeconds: Math.min(Math.max(expireInSeconds, 60), 23 * 3600),
  });
  if (!id) throw new Error(`the queue refused the job of operation #${operationId}`);
  const prisma = await getPrisma();
  await prisma.$executeRaw`SELECT pg_notify(${WAKE_CHANNEL}, ${String(operationId)})`;
  return id;
}

/** Stops this process's sending pg-boss (tests, shutdown). */
export async function stopQueue(): Promise<void> {
  const boss = sender.boss;
  sender.boss = undefined;
  sender.url = undefined;
  if (boss) await (await boss.catch(() => undefined))?.stop({ graceful: false, wait: true });
}
