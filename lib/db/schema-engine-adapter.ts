// Fixes to @prisma/adapter-pg 7.10 for the schema engine's use (the query
// client does not need them). Each was found by running our migrations.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import type { Pool, PoolConfig, QueryResult } from 'pg';

type TPgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;
type TQueryRaw = TPgAdapter['queryRaw'];

const PG_CHAR = 18;
const PG_TEXT = 25;

/**
 * 1. adapter-pg runs a script by splitting it on every ";", which breaks
 *    function bodies and comments or strings holding one. The native engine
 *    sends it whole; so do we: one simple-protocol query, which Postgres runs
 *    as one implicit transaction.
 * 2. The engine reads catalog columns of type "char" (constraint and trigger
 *    kinds) and wants them as Character; adapter-pg rejects that type.
 */
export function fitForSchemaEngine(adapter: TPgAdapter): TPgAdapter {
  const pool = adapter.underlyingDriver() as Pool;
  const internals = adapter as unknown as {
    onError(e: unknown): never;
    performIO(query: Parameters<TQueryRaw>[0]): Promise<QueryResult>;
  };
  const onError = internals.onError.bind(adapter);
  const performIO = internals.performIO.bind(adapter);
  const queryRaw = adapter.queryRaw;

  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (e) {
      onError(e);
    }
  };

  adapter.queryRaw = async (query) => {
    const result = await performIO(query);
    const isChar = result.fields.map((f) => f.dataTypeID === PG_CHAR);
    for (const f of result.fields) if (f.dataTypeID === PG_CHAR) f.dataTypeID = PG_TEXT;
    // Run adapter-pg's own mapping on the result we already have.
    const view = Object.create(adapter, { performIO: { value: async () => result } }) as TPgAdapter;
    const out = await queryRaw.call(view, query);
    out.columnTypes = out.columnTypes.map((t, i) => (isChar[i] ? ColumnTypeEnum.Character : t));
    return out;
  };
  return adapter;
}

/**
 * 3. adapter-pg's shadow database drops the database before closing its pool
 *    (so the DROP fails) and leaves a pool without an error listener, which
 *    crashes the process when the server ends its connections. Ours closes
 *    the pool, then drops.
 */
export async function connectToShadowDb(
  config: PoolConfig,
  connect: () => Promise<TPgAdapter>,
): Promise<TPgAdapter> {
  if (config.connectionString) {
    throw new Error(
      'the schema engine needs a pg config object, not a URL, to create a shadow database',
    );
  }
  const main = await connect();
  const database = `prisma_migrate_shadow_db_${randomUUID()}`;
  await main.executeScript(`CREATE DATABASE "${database}"`);
  const shadow = fitForSchemaEngine(await new PrismaPg({ ...config, database }).connect());
  const dispose = shadow.dispose.bind(shadow);
  shadow.dispose = async () => {
    await dispose();
    await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await main.dispose();
  };
  return shadow;
}
