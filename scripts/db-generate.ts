// `npm run db:generate`: generates the Prisma client into lib/generated/prisma.
// Offline, `prisma generate` tries to download the native schema engine unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file; generate never runs it,
// so we point it at the WASM engine we actually use (lib/db/schema-engine.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const wasmDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
const standIn = path.join(wasmDir, 'schema_engine_bg.wasm');
const engine =
  process.env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(process.env.PRISMA_SCHEMA_ENGINE_BINARY)
    ? process.env.PRISMA_SCHEMA_ENGINE_BINARY
    : standIn;

const prismaCli = require.resolve('prisma/build/index.js');
const result = spawnSync(
  process.execPath,
  [prismaCli, 'generate', '--schema', path.join('prisma', 'schema.prisma')],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: engine,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1', // no telemetry call from an offline machine
    },
  },
);
process.exit(result.status ?? 1);
