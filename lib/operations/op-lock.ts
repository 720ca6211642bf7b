// A session advisory lock per operation, held by whoever is running or
// reconciling it. Postgres drops it when that process's connection dies, so
// "lock free while running" means the worker is gone.
import pg from 'pg';

const NAMESPACE = 0x4844; // "HD": keeps our keys apart from other advisory lock users

export type TOpLock = { release(): Promise<void> };

/** Tries to take operation `id`'s lock on a connection of its own; null when someone holds it. */
export async function tryLockOperation(url: string, id: number): Promise<TOpLock | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  client.on('error', () => {});
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [NAMESPACE, id]);
    if (!rows[0]?.locked) {
      await client.end();
      return null;
    }
  } catch (e) {
    await client.end().catch(() => {});
    throw e;
  }
  return { release: () => client.end().catch(() => {}) };
}

/** Waits for the lock (a reconciler may hold it briefly); null after `timeoutMs`. */
export async function lockOperation(url: string, id: number, timeoutMs = 30_000): Promise<TOpLock | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const lock = await tryLockOperation(url, id);
    if (lock || Date.now() > until) return lock;
    await new Promise((r) => setTimeout(r, 250));
  }
}
