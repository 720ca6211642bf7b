// A session advisory lock per operation, held by whoever is running or
// reconciling it. Postgres drops it when that process's connection dies, so
// "lock free while running" means the worker is gone. Connections come from
// a small pool so taking a lock costs one round trip, not a new connection.
import pg from 'pg';

const NAMESPACE = 0x4844; // "HD": keeps our keys apart from other advisory lock users

export type TOpLock = { release(): Promise<void> };

const pools = new Map<string, pg.Pool>();

function pool(url: string): pg.Pool {
  let p = pools.get(url);
  if (!p) {
    // allowExitOnIdle: an idle pool never keeps a script or test process alive.
    p = new pg.Pool({
      connectionString: url,
      max: 40,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
    });
    p.on('error', () => {});
    pools.set(url, p);
  }
  return p;
}

/** Tries to take operation `id`'s lock on a connection of its own; null when someone holds it. */
export async function tryLockOperation(url: string, id: number): Promise<TOpLock | null> {
  const client = await pool(url).connect();
  let locked = false;
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1, $2) AS locked',
      [NAMESPACE, id],
    );
    locked = rows[0]?.locked === true;
  } catch (e) {
    client.release(true);
    throw e;
  }
  if (!locked) {
    client.release();
    return null;
  }
  return {
    release: async () => {
      try {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [NAMESPACE, id]);
        client.release();
      } catch {
        client.release(true); // a broken connection drops the lock with it
      }
    },
  };
}

/** Waits for the lock (a reconciler may hold it briefly); null after `timeoutMs`. */
export async function lockOperation(
  url: string,
  id: number,
  timeoutMs = 30_000,
): Promise<TOpLock | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const lock = await tryLockOperation(url, id);
    if (lock || Date.now() > until) return lock;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Closes the lock connections (shutdown, tests). */
export async function closeLockPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.end().catch(() => {})));
}
