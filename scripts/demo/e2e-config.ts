// The e2e journeys' configuration: the example one, with its clock-bound
// parts made deterministic. Production's real freeze windows would make the
// ticket journey depend on the day CI runs, so they go; development gets a
// freeze window around now, for the journey that is refused inside one.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

type TDoc = {
  environments: Array<{ name: string; freezeWindows?: unknown[] }>;
  releases: Array<{ chart: string }>;
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
  }
  for (const release of doc.releases) release.chart = absolute(release.chart);
  if (doc.allowedCharts) doc.allowedCharts = doc.allowedCharts.map(absolute);
  writeFileSync(outPath, stringify(doc));
  return outPath;
}
