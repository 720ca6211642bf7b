// A content-addressed store of chart archives: <dir>/sha256-<hex>.tgz.
// An archive is only ever reached through its digest, and it is hashed again
// before use, so what was approved is what helm gets.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ChartSourceError } from './types';

const DIGEST = /^sha256:([0-9a-f]{64})$/;

export function sha256Digest(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function isDigest(text: string): boolean {
  return DIGEST.test(text);
}

export class ChartCache {
  constructor(readonly dir: string) {}

  private fileOf(digest: string): string {
    const hex = DIGEST.exec(digest)?.[1];
    if (!hex) throw new ChartSourceError(`"${digest.slice(0, 80)}" is not a sha256 digest`);
    return path.join(this.dir, `sha256-${hex}.tgz`);
  }

  /** Copies an archive into the cache; returns its digest and cached path. */
  put(file: string): { digest: string; archive: string } {
    return this.putBytes(readFileSync(file));
  }

  putBytes(data: Buffer): { digest: string; archive: string } {
    const digest = sha256Digest(data);
    const archive = this.fileOf(digest);
    if (!existsSync(archive)) {
      mkdirSync(this.dir, { recursive: true });
      // Write then rename: a concurrent reader never sees half an archive.
      const partial = `${archive}.${randomUUID()}.partial`;
      writeFileSync(partial, data, { mode: 0o644 });
      renameSync(partial, archive);
    }
    return { digest, archive };
  }

  /** The cached archive of `digest`, verified; undefined when absent or altered (an altered one is removed). */
  get(digest: string): string | undefined {
    const archive = this.fileOf(digest);
    if (!existsSync(archive)) return undefined;
    if (sha256Digest(readFileSync(archive)) === digest) return archive;
    rmSync(archive, { force: true });
    return undefined;
  }
}
