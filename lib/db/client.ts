// One Prisma client per process, on the generated client with the pg driver
// adapter. Kept on globalThis: Next may load this module more than once (its
// instrumentation and route bundles, dev reloads), and they must share it.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import { startDatabase, type TDatabase } from './start-database';

interface TDbGlobal {
  url?: string;
  database?: Promise<TDatabase>;
  prisma?: Promise<PrismaClient>;
}

const state: TDbGlobal = ((globalThis as { __helmdeckDb?: TDbGlobal }).__helmdeckDb ??= {});

/** A new client on `url`; the caller owns it (`$disconnect()` when done). */
export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

/**
 * This process's database, started once: DATABASE_URL or the embedded
 * Postgres, migrated. Concurrent callers share the start.
 */
export function getDatabase(): Promise<TDatabase> {
  if (!state.database) {
    const started = state.url
      ? Promise.resolve<TDatabase>({
          url: state.url,
          embedded: false,
          appliedMigrations: [],
          stop: async () => {},
        })
      : startDatabase();
    state.database = started;
    // A failed start (database down) is retried by the next caller.
    started.catch(() => {
      if (state.database === started) state.database = undefined;
    });
  }
  return state.database;
}

/** This process's Prisma client, on the database of getDatabase(). */
export function getPrisma(): Promise<PrismaClient> {
  if (!state.prisma) {
    const created = getDatabase().then((db) => createPrismaClient(db.url));
    state.prisma = created;
    created.catch(() => {
      if (state.prisma === created) state.prisma = undefined;
    });
  }
  return state.prisma;
}

/** This process's client if one was started or set up already; never starts a database. */
export function currentPrisma(): Promise<PrismaClient> | undefined {
  return state.prisma ?? (state.url ? getPrisma() : undefined);
}

/**
 * Points getPrisma() at an already started and migrated database (tests, or a
 * process handed DATABASE_URL another way). Disconnects the previous client.
 */
export async function setDatabaseUrl(url: string): Promise<void> {
  const previous = state.prisma;
  state.url = url;
  state.database = undefined;
  state.prisma = undefined;
  if (previous) await (await previous.catch(() => undefined))?.$disconnect();
}

/** Disconnects the client and stops the database if this process started it. */
export async function closeDatabase(): Promise<void> {
  const { prisma, database } = state;
  state.prisma = undefined;
  state.database = undefined;
  if (prisma) await (await prisma.catch(() => undefined))?.$disconnect();
  if (database) await (await database.catch(() => undefined))?.stop();
}

/** Old name of setDatabaseUrl (the react-hooks lint rule objects to `use*` calls outside components). */
export const useDatabaseUrl = setDatabaseUrl;
