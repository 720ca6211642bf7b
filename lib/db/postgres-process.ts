// Who is running (or once ran) the Postgres of a data directory: the
// postmaster.pid Postgres writes, and an owner file we write beside the data
// directory naming the Helmdeck process that started it and will stop it.
import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

export interface TPostmaster {
  pid: number;
  port: number;
}

/** Postgres' own lock file: line 1 is the pid, line 4 the port. */
export function readPostmasterPid(dataDir: string): TPostmaster | undefined {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, port };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when pid is a live postgres server; a pid reused by another program is not. */
export function isPostgresProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  const comm = `/proc/${pid}/comm`;
  if (!existsSync('/proc/self')) return true; // no procfs: trust the pid
  try {
    return readFileSync(comm, 'utf8').trim() === 'postgres';
  } catch {
    return false;
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

export interface TOwner {
  pid: number;
  port: number;
}

function ownerFile(dataDir: string): string {
  return `${dataDir}.owner.json`;
}

export function readOwner(dataDir: string): TOwner | undefined {
  try {
    const raw = JSON.parse(readFileSync(ownerFile(dataDir), 'utf8')) as Partial<TOwner>;
    if (typeof raw.pid === 'number' && typeof raw.port === 'number')
      return { pid: raw.pid, port: raw.port };
  } catch {
    // missing or half-written: no owner
  }
  return undefined;
}

export async function writeOwner(dataDir: string, owner: TOwner): Promise<void> {
  await writeFile(ownerFile(dataDir), JSON.stringify(owner) + '\n');
}

export async function removeOwner(dataDir: string): Promise<void> {
  await rm(ownerFile(dataDir), { force: true });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
