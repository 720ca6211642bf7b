// Throwaway databases for integration tests: one embedded Postgres per test
// process in a temp dir, a migrated template database made once, and a fresh
// copy of it per call (CREATE DATABASE ... TEMPLATE takes milliseconds).
//
//   import { after } from 'node:test';
//   import { createTestDatabase, stopTestServer } from '@/lib/db/test-database';
//   after(stopTestServer);
//   const db = await createTestDatabase(); // db.prisma, db.url
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { setAuditDir } from '../audit/audit-key';
import type { PrismaClient } from '../generated/prisma/client';
import { createPrismaClient, setDatabaseUrl } from './client';
import {
  makeTraversable,
  startEmbeddedPostgres,
  type TEmbeddedPostgres,
} from './embedded-postgres';
import { migrateDatabase } from './migrate';

const TEMPLATE = 'helmdeck_template';

export interface TTestDatabase {
  url: string;
  /** A client of its own on this database; disconnected by drop(). */
  prisma: PrismaClient;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
}

interface TTestServer {
  server: TEmbeddedPostgres;
  dir: string;
}

let serverPromise: Promise<TTestServer> | undefined;
let counter = 0;

async function startServer(): Promise<TTestServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'helmdeck-test-pg-'));
  await makeTraversable(dir); // the postgres OS user must reach it when we run as root
  // Safety net for a test file that forgets stopTestServer: the server is
  // unref'd so the process can end, and its directory goes with it.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  // The audit key and chain heads of these databases stay with them (also for child processes).
  process.env.HELMDECK_AUDIT_DIR = path.join(dir, 'audit');
  setAuditDir(process.env.HELMDECK_AUDIT_DIR);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    database: TEMPLATE,
    unref: true,
  });
  await migrateDatabase(server.url);
  return { server, dir };
}

/**
 * A fresh, migrated database on this process's test server. With `asDefault`,
 * getPrisma() answers with it too, for code under test that calls getPrisma().
 */
export async function createTestDatabase(
  options: { asDefault?: boolean } = {},
): Promise<TTestDatabase> {
  serverPromise ??= startServer();
  const { server } = await serverPromise;
  const name = `test_${process.pid}_${++counter}`;
  await adminQuery(server, `CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE}"`);
  const url = server.urlFor(name);
  const prisma = createPrismaClient(url);
  if (options.asDefault) await setDatabaseUrl(url);
  return {
    url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Stops this process's test server and removes its directory. */
export async function stopTestServer(): Promise<void> {
  const started = serverPromise;
  serverPromise = undefined;
  if (!started) return;
  const { server, dir } = await started;
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}

async function adminQuery(server: TEmbeddedPostgres, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.urlFor('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
