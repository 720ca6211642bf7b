// `npm run db:migrate:create -- <name> [--empty]`: writes a new migration from
// the schema diff (or an empty one to write by hand), using a throwaway
// embedded Postgres as the shadow database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMigration } from '../lib/db/create-migration';
import { makeTraversable, startEmbeddedPostgres } from '../lib/db/embedded-postgres';
import { defaultPrismaDir } from '../lib/db/migrations-dir';

const args = process.argv.slice(2);
const empty = args.includes('--empty');
const name = args.find((a) => !a.startsWith('--'));
if (!name) {
  console.error('usage: npm run db:migrate:create -- <name> [--empty]');
  process.exit(2);
}

const dir = await mkdtemp(path.join(tmpdir(), 'helmdeck-shadow-'));
await makeTraversable(dir);
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
let exitCode = 0;
try {
  const { hostname, port, username, password } = new URL(server.url);
  const created = await createMigration(
    {
      host: hostname,
      port: Number(port),
      user: username,
      password: decodeURIComponent(password),
      database: 'postgres',
    },
    name,
    { prismaDir: defaultPrismaDir(), empty },
  );
  if (created.name) console.log(`created prisma/migrations/${created.name}/migration.sql`);
  else console.log('no changes: schema.prisma matches the migrations; nothing created');
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  exitCode = 1;
} finally {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
process.exit(exitCode);
