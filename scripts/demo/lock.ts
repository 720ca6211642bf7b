// A machine-wide lock file holding the owner's pid; a lock whose owner died is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

function ownerAlive(file: string): boolean {
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function acquireLock(file: string, log: (line: string) => void): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      process.on('exit', () => rmSync(file, { force: true }));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let alive = true;
      try {
        alive = ownerAlive(file);
      } catch {
        alive = false; // removed or half-written meanwhile: try again
      }
      if (!alive) {
        rmSync(file, { force: true });
        continue;
      }
      if (!announced) log(`waiting for another e2e run (${file})`);
      announced = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
