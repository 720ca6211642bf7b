// Prisma's schema engine compiled to WebAssembly. The native engine cannot be
// downloaded on our machines and Prisma 7's CLI cannot use a driver adapter
// for migrations, so we drive the engine ourselves (see
// shared/facts/prisma-offline.md). The package is built for bundlers, so we
// instantiate the .wasm by hand with its JS glue as the import object.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { PoolConfig } from 'pg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { connectToShadowDb, fitForSchemaEngine } from './schema-engine-adapter';

type TGlue = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

let gluePromise: Promise<TGlue> | undefined;
let lastPanic: string | undefined;

/** The message of the engine's last panic (a Rust panic inside the WASM), if any. */
export function lastSchemaEnginePanic(): string | undefined {
  return lastPanic;
}

async function loadGlue(): Promise<TGlue> {
  // The glue reports panics to this global; without it a panic is a TypeError.
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
    set_message: (message: string) => {
      lastPanic = message;
    },
  };
  // Resolved from the working directory (the repo root, like defaultPrismaDir): Next's
  // bundler rewrites require.resolve on a createRequire(import.meta.url) into a module id.
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as TGlue;
  const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, {
    './schema_engine_bg.js': withUnrefTimers(glue as unknown as WebAssembly.ModuleImports),
  });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
  glue.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  return glue;
}

// The engine arms 10 s timers it never clears; unref'd, they no longer keep a
// script or test process alive for 10 s after its work is done.
function withUnrefTimers(glue: WebAssembly.ModuleImports): WebAssembly.ModuleImports {
  const imports = { ...glue };
  for (const [name, fn] of Object.entries(glue)) {
    if (!name.startsWith('__wbg_setTimeout_') || typeof fn !== 'function') continue;
    imports[name] = (...args: unknown[]) => {
      const timer = (fn as (...a: unknown[]) => unknown)(...args) as
        { unref?: () => void } | undefined;
      timer?.unref?.();
      return timer;
    };
  }
  return imports;
}

export interface TSchemaFile {
  path: string;
  content: string;
}

/**
 * Runs `fn` with a schema engine on the database, then frees the engine and
 * closes its connections. `connection` is a URL or a pg pool config; pass a
 * config (not a URL) when the engine must create a shadow database, because
 * pg lets a URL override the shadow database's name.
 */
export async function withSchemaEngine<T>(
  connection: string | PoolConfig,
  schema: TSchemaFile,
  fn: (engine: SchemaEngine) => Promise<T>,
  onLog: (line: string) => void = () => {},
): Promise<T> {
  gluePromise ??= loadGlue();
  const glue = await gluePromise;
  const config = typeof connection === 'string' ? { connectionString: connection } : connection;
  const factory = new PrismaPg(config);
  const opened: { dispose(): Promise<void> }[] = [];
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = fitForSchemaEngine(await connect());
    opened.push(adapter);
    return adapter;
  };
  factory.connectToShadowDb = () => connectToShadowDb(config, factory.connect);
  const engine = await glue.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    (line: string) => onLog(line),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
    // The engine does not close what it opened: left alone, pools idle on.
    await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
  }
}
