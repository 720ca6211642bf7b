// A chart folder: its Chart.yaml names the version; the archive is what
// `helm package` makes of the folder now, cached under its digest, so a
// later promotion deploys those bytes even after the folder has moved on.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { helmPackage, type THelmBinary } from '@/lib/helm';
import type { ChartCache } from './chart-cache';
import { ChartSourceError, type TResolvedChart } from './types';

const ZChartYaml = z.looseObject({
  name: z.string().min(1),
  version: z.string().min(1),
  appVersion: z.union([z.string(), z.number()]).optional(),
});

/** Name, version and appVersion from a chart folder's Chart.yaml. */
export function readChartYaml(dir: string): z.infer<typeof ZChartYaml> {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'Chart.yaml'), 'utf8');
  } catch {
    throw new ChartSourceError(`chart ${dir}: no readable Chart.yaml`);
  }
  const parsed = ZChartYaml.safeParse(parse(text));
  if (!parsed.success)
    throw new ChartSourceError(`chart ${dir}: Chart.yaml needs a name and a version`);
  return parsed.data;
}

export async function resolveLocalChart(a: {
  ref: string;
  dir: string;
  cache: ChartCache;
  helm?: THelmBinary;
}): Promise<TResolvedChart> {
  const meta = readChartYaml(a.dir);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-package-'));
  try {
    const file = await helmPackage({ chartDir: a.dir, destination: tmp }, a.helm);
    const { digest, archive } = a.cache.put(file);
    return { source: 'local', ref: a.ref, name: meta.name, version: meta.version, digest, archive };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
