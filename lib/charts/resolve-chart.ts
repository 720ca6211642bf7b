// From a configured release (and optionally a version or a digest) to the
// exact archive to deploy. A build that names a digest gets those bytes or
// an error, never whatever the source holds now.
import path from 'node:path';
import type { THelmdeckConfig, TRelease } from '@/lib/config';
import type { THelmBinary } from '@/lib/helm';
import { ChartCache } from './chart-cache';
import { readChartYaml, resolveLocalChart } from './local-source';
import { resolveOciChart } from './oci-source';
import { resolveRepoChart } from './repo-source';
import { ChartSourceError, type TResolvedChart } from './types';

export type TResolveOptions = {
  config: THelmdeckConfig;
  release: TRelease;
  /** Exact chart version; the configured one (or the folder's Chart.yaml) when absent. */
  version?: string;
  /** The archive must have this digest (a promotion carrying a build). */
  digest?: string;
  cacheDir: string;
  helm?: THelmBinary;
};

/** Where the chart archives live: <data dir>/charts. */
export const chartCacheDir = (dataDir: string) => path.resolve(dataDir, 'charts');

function ociHost(ref: string): string {
  return ref.slice('oci://'.length).split('/')[0] ?? '';
}

async function fromSource(o: TResolveOptions, cache: ChartCache): Promise<TResolvedChart> {
  const ref = o.release.chartRef;
  switch (ref.kind) {
    case 'local': {
      const meta = readChartYaml(ref.path);
      if (o.version !== undefined && o.version !== meta.version)
        throw new ChartSourceError(
          `chart ${ref.ref}: the folder holds version ${meta.version}, not ${o.version}` +
            (o.digest ? '' : '; package that version into a chart repository to deploy it'),
        );
      return resolveLocalChart({ ref: ref.ref, dir: ref.path, cache, helm: o.helm });
    }
    case 'repo': {
      const repo = o.config.repositories.find((r) => r.name === ref.repository);
      if (!repo)
        throw new ChartSourceError(
          `chart ${ref.ref}: repository ${ref.repository} is not configured`,
        );
      const version = o.version ?? ref.version;
      if (!version) throw new ChartSourceError(`chart ${ref.ref}: a version is required`);
      return resolveRepoChart({ ref: ref.ref, repoUrl: repo.url, name: ref.name, version, cache });
    }
    case 'oci': {
      const version = o.version ?? ref.version;
      if (!version) throw new ChartSourceError(`chart ${ref.ref}: a version is required`);
      const host = ociHost(ref.ref);
      const registry = (o.config.registries ?? []).find((r) => r.host === host);
      return resolveOciChart({
        ref: ref.ref,
        version,
        plainHttp: registry?.plainHttp,
        cache,
        helm: o.helm,
      });
    }
  }
}

function identity(release: TRelease, version: string) {
  const ref = release.chartRef;
  const name =
    ref.kind === 'repo'
      ? ref.name
      : ref.kind === 'local'
        ? readChartYaml(ref.path).name
        : (ref.ref.split('/').pop() ?? ref.ref);
  return { source: ref.kind, ref: ref.ref, name, version };
}

/** Resolves the chart archive for a release; with `digest`, the cached archive or the source's identical one. */
export async function resolveChart(o: TResolveOptions): Promise<TResolvedChart> {
  const cache = new ChartCache(o.cacheDir);
  if (o.digest) {
    if (o.version === undefined)
      throw new ChartSourceError('a chart digest is only meaningful with its version');
    const archive = cache.get(o.digest);
    if (archive) return { ...identity(o.release, o.version), digest: o.digest, archive };
    const fresh = await fromSource(o, cache);
    if (fresh.digest !== o.digest)
      throw new ChartSourceError(
        `chart ${fresh.ref} ${fresh.version}: the source now gives ${fresh.digest}, not the build's ${o.digest}`,
      );
    return fresh;
  }
  return fromSource(o, cache);
}
