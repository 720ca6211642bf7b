// Temp directories for database tests, reachable by the postgres OS user.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeTraversable } from '../embedded-postgres';

export async function tempDir(
  prefix = 'helmdeck-db-test-',
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await makeTraversable(dir);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
