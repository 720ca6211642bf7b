// Serialises starting the embedded Postgres of one data directory across
// processes: a lock file created exclusively, holding the holder's pid, and
// taken over when that holder died.
import { readFileSync, statSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { isAlive } from './postgres-process';

export async function withStartLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const file = `${dataDir}.lock`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number.parseInt(readFileSafe(file), 10);
      // An empty file is a holder between creating and writing it, unless old.
      const abandoned = Number.isInteger(holder) ? !isAlive(holder) : ageMs(file) > 10_000;
      if (abandoned) {
        await rm(file, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${file} (held by pid ${holder})`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(file, { force: true });
  }
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
