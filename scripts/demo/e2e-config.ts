// The e2e journeys' configuration: the example one, with its clock-bound
// parts made deterministic. Production's real freeze windows would make the
// ticket journey depend on the day CI runs, so they go; development gets a
// freeze window around now, for the journey that is refused inside one.
// Each release's values folder is a copy beside the configuration, so a
// journey can add a per-cluster layer (a failing wave) without touching
// examples/; the automatic-rollback watch and wave soak take seconds.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

type TDoc = {
  environments: Array<{
    name: string;
    freezeWindows?: unknown[];
    autoRollback?: Record<string, unknown>;
    waveSoak?: string;
    minSoak?: string;
  }>;
  releases: Array<{ name: string; chart: string; valuesDir?: string }>;
  allowedCharts?: string[];
};

const localIso = (d: Date) => d.toISOString().slice(0, 16);

export function writeE2eConfig(examplePath: string, outPath: string, now = new Date()): string {
  const doc = parse(readFileSync(examplePath, 'utf8')) as TDoc;
  const baseDir = path.dirname(path.resolve(examplePath));
  const absolute = (ref: string) => (ref.startsWith('.') ? path.resolve(baseDir, ref) : ref);
  for (const env of doc.environments) {
    env.freezeWindows =
      env.name === 'development'
        ? [
            {
              name: 'e2e-freeze',
              start: localIso(new Date(now.getTime() - 3_600_000)),
              end: localIso(new Date(now.getTime() + 6 * 3_600_000)),
              timeZone: 'UTC',
            },
          ]
        : [];
    if (env.autoRollback) env.autoRollback.watchFor = '5s';
    if (env.waveSoak) env.waveSoak = '2s';
    // The stack was seeded moments ago: a soak gate would depend on how fast it started.
    delete env.minSoak;
  }
  const valuesRoot = path.join(path.dirname(path.resolve(outPath)), 'e2e-values');
  rmSync(valuesRoot, { recursive: true, force: true });
  for (const release of doc.releases) {
    release.chart = absolute(release.chart);
    if (release.valuesDir) {
      const copy = path.join(valuesRoot, release.name);
      cpSync(absolute(release.valuesDir), copy, { recursive: true });
      release.valuesDir = copy;
    }
  }
  if (doc.allowedCharts) doc.allowedCharts = doc.allowedCharts.map(absolute);
  writeFileSync(outPath, stringify(doc));
  return outPath;
}
