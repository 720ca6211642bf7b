// Runs a test layer with node's test runner: unit (*.test.ts beside the
// modules) or integration (*.int.test.ts: embedded Postgres, sandbox
// clusters, real helm). Playwright runs e2e separately.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const SKIP = new Set(['node_modules', '.next', '.helmdeck', '.git', 'e2e', 'test-results']);

function findTests(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, out);
    else if (entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const layer = process.argv[2];
if (layer !== 'unit' && layer !== 'integration') {
  console.error('usage: run-tests unit|integration [filter]');
  process.exit(2);
}
const filter = process.argv[3];
const files = findTests('.')
  .filter((f) => (layer === 'integration') === f.endsWith('.int.test.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`no ${layer} tests found`);
  process.exit(1);
}
const concurrency = layer === 'unit' ? '2' : '1';
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
