// An HTTP Helm repository: index.yaml names every version of a chart with
// the archive's URL and SHA-256. Helmdeck takes exactly the version asked
// for and refuses an archive whose bytes do not match the index.
import { parse } from 'yaml';
import { z } from 'zod';
import type { ChartCache } from './chart-cache';
import { ChartSourceError, type TResolvedChart } from './types';

const MAX_INDEX_BYTES = 16 * 1024 * 1024;
const MAX_ARCHIVE_BYTES = 32 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

const ZIndexEntry = z.looseObject({
  name: z.string(),
  version: z.string(),
  urls: z.array(z.string()).min(1),
  digest: z.string().optional(),
  appVersion: z.union([z.string(), z.number()]).optional(),
  created: z.string().optional(),
});
const ZIndex = z.looseObject({
  apiVersion: z.string().optional(),
  entries: z.record(z.string(), z.array(ZIndexEntry)).default({}),
});
export type TRepoIndexEntry = z.infer<typeof ZIndexEntry>;

async function fetchBytes(url: string, max: number, what: string): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
  } catch {
    throw new ChartSourceError(`${what}: ${url} cannot be reached`);
  }
  if (!res.ok) throw new ChartSourceError(`${what}: ${url} answered HTTP ${res.status}`);
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > max) throw new ChartSourceError(`${what}: larger than ${max / 1024 / 1024} MB`);
  const data = Buffer.from(await res.arrayBuffer());
  if (data.length > max) throw new ChartSourceError(`${what}: larger than ${max / 1024 / 1024} MB`);
  return data;
}

const indexUrl = (repoUrl: string) => new URL('index.yaml', repoUrl.replace(/\/*$/, '/')).href;

/** Every version of `name` the repository's index.yaml lists, newest first as the index has them. */
export async function listRepoVersions(repoUrl: string, name: string): Promise<TRepoIndexEntry[]> {
  const url = indexUrl(repoUrl);
  const text = (await fetchBytes(url, MAX_INDEX_BYTES, 'repository index')).toString('utf8');
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    throw new ChartSourceError(`repository index ${url} is not YAML`);
  }
  const index = ZIndex.safeParse(data);
  if (!index.success) throw new ChartSourceError(`repository index ${url} is not a Helm index`);
  return index.data.entries[name] ?? [];
}

export async function resolveRepoChart(a: {
  ref: string;
  repoUrl: string;
  name: string;
  version: string;
  cache: ChartCache;
}): Promise<TResolvedChart> {
  const entries = await listRepoVersions(a.repoUrl, a.name);
  if (entries.length === 0)
    throw new ChartSourceError(`chart ${a.ref}: the repository has no chart named ${a.name}`);
  const entry = entries.find((e) => e.version === a.version);
  if (!entry) {
    const known = entries.map((e) => e.version).slice(0, 10);
    throw new ChartSourceError(
      `chart ${a.ref}: version ${a.version} is not in the repository (it has ${known.join(', ')})`,
    );
  }
  const expected = entry.digest ? `sha256:${entry.digest.replace(/^sha256:/, '')}` : undefined;
  if (!expected || !/^sha256:[0-9a-f]{64}$/.test(expected))
    throw new ChartSourceError(
      `chart ${a.ref} ${a.version}: the index gives no sha256 digest to check the archive against`,
    );
  const cached = a.cache.get(expected);
  const archive =
    cached ??
    (await (async () => {
      const url = new URL(entry.urls[0]!, indexUrl(a.repoUrl)).href;
      const data = await fetchBytes(url, MAX_ARCHIVE_BYTES, `chart ${a.ref} ${a.version}`);
      const put = a.cache.putBytes(data);
      if (put.digest !== expected)
        throw new ChartSourceError(
          `chart ${a.ref} ${a.version}: the archive's digest ${put.digest} does not match the index (${expected})`,
        );
      return put.archive;
    })());
  return {
    source: 'repo',
    ref: a.ref,
    name: a.name,
    version: a.version,
    digest: expected,
    archive,
  };
}
