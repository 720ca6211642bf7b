// The worker: a bounded pool of pg-boss consumers on the operations queue.
// Several instances may run on one database; pg-boss hands each job to one
// of them. A LISTEN on the enqueue channel wakes idle consumers at once.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { getDatabase, getPrisma } from '@/lib/db';
import { afterFinishIdle } from './after-finish';
import type { TJobPlan } from './job-plan';
import { OPERATION_QUEUE, startBoss, WAKE_CHANNEL } from './queue';
import { reconcileOperations } from './reconcile';
import { runOperation } from './run-operation';

export type TWorker = { id: string; stop(): Promise<void> };

export type TWorkerOptions = {
  /** Operations run at once by this instance (other releases wait in the queue). */
  concurrency?: number;
  /** Fallback poll when a wake-up is missed. */
  pollingIntervalSeconds?: number;
  /** Reconcile operations left by dead workers before taking jobs (default true). */
  reconcile?: boolean;
};

export async function startWorker(options: TWorkerOptions = {}): Promise<TWorker> {
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 2, 32));
  const { url } = await getDatabase();
  const prisma = await getPrisma();
  const id = `worker-${randomUUID().slice(0, 8)}`;
  if (options.reconcile ?? true) await reconcileOperations();
  const boss = await startBoss({ supervise: true });
  const consumers: string[] = [];
  for (let i = 0; i < concurrency; i++) {
    consumers.push(
      await boss.work<TJobPlan>(
        OPERATION_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async (jobs) => {
          for (const job of jobs) await runOperation(prisma, url, job.data, id);
        },
      ),
    );
  }
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on('error', (e) => console.error(`[operations] ${id} wake-up listener: ${e.message}`));
  listener.on('notification', () => {
    for (const c of consumers) boss.notifyWorker(c);
  });
  await listener.query(`LISTEN ${WAKE_CHANNEL}`);
  return {
    id,
    async stop() {
      await listener.end().catch(() => {});
      // Waits for running helm commands to finish and record their outcome.
      await boss.stop({ graceful: true, wait: true, timeout: 30 * 60_000 });
      await afterFinishIdle();
    },
  };
}
