// An OCI registry: helm pull of the exact version; the registry's manifest
// digest and the archive's own digest are both recorded.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HelmError, helmPull, type THelmBinary } from '@/lib/helm';
import type { ChartCache } from './chart-cache';
import { ChartSourceError, type TResolvedChart } from './types';

export async function resolveOciChart(a: {
  ref: string;
  version: string;
  plainHttp?: boolean;
  cache: ChartCache;
  helm?: THelmBinary;
}): Promise<TResolvedChart> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-pull-'));
  try {
    let manifestDigest: string;
    try {
      ({ manifestDigest } = await helmPull(
        { ref: a.ref, version: a.version, destination: tmp, plainHttp: a.plainHttp },
        a.helm,
      ));
    } catch (e) {
      if (e instanceof HelmError)
        throw new ChartSourceError(`chart ${a.ref} ${a.version}: ${e.detail ?? e.message}`);
      throw e;
    }
    const file = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!file)
      throw new ChartSourceError(`chart ${a.ref} ${a.version}: helm pull wrote no archive`);
    const { digest, archive } = a.cache.put(path.join(tmp, file));
    const name = a.ref.split('/').pop() ?? a.ref;
    return { source: 'oci', ref: a.ref, name, version: a.version, digest, manifestDigest, archive };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
