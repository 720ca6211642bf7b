// Where the embedded Postgres's binaries and data live when it runs as the
// `postgres` OS user (we are root). That user must be able to walk every
// folder above them; a clone under /root or any `mktemp -d` folder (0700)
// forbids it. Then the binaries are copied, and the data kept, under a
// root-owned folder in /var/tmp that it can walk, and nothing changes for a
// normal user.
import { createHash } from 'node:crypto';
import { constants, existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseError } from './database-error';
import { isPostgresProcess, readPostmasterPid } from './postgres-process';

export interface TOsUser {
  uid: number;
  gid: number;
}

/** Root of what we place for the postgres user; a root-owned folder nobody else may write. */
export const PLACEMENT_ROOT = '/var/tmp/helmdeck-postgres';

/** True when `user` may enter `dir` and every folder above it (owner, group, other bits). */
export function canWalk(dir: string, user: TOsUser): boolean {
  let current = path.resolve(dir);
  for (;;) {
    let mode: number;
    let owner: number;
    let group: number;
    try {
      ({ mode, uid: owner, gid: group } = statSync(current));
    } catch {
      return false;
    }
    const bit =
      owner === user.uid
        ? constants.S_IXUSR
        : group === user.gid
          ? constants.S_IXGRP
          : constants.S_IXOTH;
    if ((mode & bit) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/** The placement root, made once; refused when someone other than root could change it. */
async function placementRoot(): Promise<string> {
  await mkdir(PLACEMENT_ROOT, { recursive: true, mode: 0o755 });
  const s = lstatSync(PLACEMENT_ROOT);
  if (!s.isDirectory() || s.uid !== 0 || (s.mode & 0o022) !== 0) {
    throw new DatabaseError(
      `${PLACEMENT_ROOT} is not a folder owned by root that only root may write, so the embedded Postgres's binaries cannot be trusted there.\n` +
        `Fix: remove it (rm -rf ${PLACEMENT_ROOT}) and start again, or set DATABASE_URL to an external Postgres.`,
    );
  }
  return PLACEMENT_ROOT;
}

/**
 * The folder holding bin/, lib/ and share/ that the postgres user can reach:
 * `nativeDir` itself, or a copy made once per Postgres version.
 */
export async function placeBinaries(nativeDir: string, user: TOsUser): Promise<string> {
  if (canWalk(path.join(nativeDir, 'bin'), user)) return nativeDir;
  const version = packageVersion(nativeDir);
  const target = path.join(await placementRoot(), `binaries-${version}`);
  const done = path.join(target, '.complete');
  if (existsSync(done)) return target;
  // Copied beside the target and renamed, so a half-done copy is never used.
  const partial = `${target}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  await openUp(partial);
  await writeFile(path.join(partial, '.complete'), `${nativeDir}\n`);
  await rm(target, { recursive: true, force: true });
  await rename(partial, target).catch(async (e: NodeJS.ErrnoException) => {
    await rm(partial, { recursive: true, force: true });
    // Another process placed the same version meanwhile: theirs is as good.
    if (!existsSync(done)) throw e;
  });
  return target;
}

/** Folders 0755, files readable by all (and executable where they were). */
async function openUp(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) await openUp(full);
    else {
      const mode = statSync(full).mode & 0o777;
      await chmod(full, mode & 0o100 ? 0o755 : 0o644);
    }
  }
}

function packageVersion(nativeDir: string): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    if (pkg.version) return pkg.version.replace(/[^\w.-]/g, '_');
  } catch {
    // a copied native folder without its package: name it by its path
  }
  return createHash('sha256').update(nativeDir).digest('hex').slice(0, 16);
}

/**
 * The data directory Postgres is given for `dataDir`: itself when the postgres
 * user can reach its parent, else one under the placement root named by a
 * hash of `dataDir`. A marker file beside `dataDir` names the placed one, so
 * removing the data folder (rm -rf .helmdeck) still starts over.
 */
export async function placeDataDir(dataDir: string, user: TOsUser): Promise<string> {
  if (canWalk(path.dirname(dataDir), user)) return dataDir;
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  const holder = path.join(await placementRoot(), `data-${hash}`);
  const marker = `${dataDir}.placed-at`;
  const running = readPostmasterPid(path.join(holder, 'pg'));
  if (!existsSync(marker) && existsSync(holder) && !(running && isPostgresProcess(running.pid))) {
    // The data folder it belonged to was removed: its data goes with it.
    await rm(holder, { recursive: true, force: true });
  }
  await mkdir(holder, { recursive: true, mode: 0o711 });
  await chown(holder, 0, 0);
  await chmod(holder, 0o711);
  const placed = path.join(holder, 'pg');
  await writeFile(marker, `${placed}\n`);
  return placed;
}
