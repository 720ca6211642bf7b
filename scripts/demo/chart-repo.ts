// The demo's chart repository: every version of the demo charts packaged
// with `helm package` and indexed with `helm repo index`, served as static
// files on loopback, so the demo deploys exact versions and digests instead
// of whatever a chart folder holds.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { helmPackage, helmRepoIndex, type THelmBinary } from '@/lib/helm';

export type TChartVersions = { dir: string; versions: string[] };

/** Packages each chart folder at each version into `outDir` and indexes it (skips archives already there). */
export async function buildChartRepo(
  charts: TChartVersions[],
  outDir: string,
  helm?: THelmBinary,
): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  for (const chart of charts) {
    const name = path.basename(chart.dir);
    for (const version of chart.versions) {
      if (existsSync(path.join(outDir, `${name}-${version}.tgz`))) continue;
      // The app version follows the chart's, as the demo's image tags do.
      await helmPackage(
        { chartDir: chart.dir, destination: outDir, version, appVersion: version },
        helm,
      );
    }
  }
  await helmRepoIndex({ dir: outDir }, helm);
}

export type TChartRepoServer = { url: string; stop(): Promise<void> };

const TYPES: Record<string, string> = {
  '.yaml': 'application/x-yaml',
  '.tgz': 'application/gzip',
};

/** Serves index.yaml and the archives of `dir` at http://127.0.0.1:<port>/charts/. */
export async function serveChartRepo(dir: string, port = 0): Promise<TChartRepoServer> {
  const root = path.resolve(dir);
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').replace(/^\/charts\//, '');
    const type = TYPES[path.extname(name)];
    // Flat folder: a name with a slash or a dot-dot is never a file of the repository.
    if (req.method !== 'GET' || !type || name.includes('/') || name.includes('..')) {
      res.writeHead(404).end();
      return;
    }
    const file = path.join(root, name);
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': type, 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/charts/`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The archive of one chart version in a repository folder built by buildChartRepo. */
export const repoArchive = (dir: string, chart: string, version: string) =>
  path.join(dir, `${chart}-${version}.tgz`);

export type TDemoChartRepo = TChartRepoServer & {
  dir: string;
  /** helmdeck.yaml for the server: the given one with the demo repository's URL on the port served. */
  configPath: string;
};

/**
 * Builds (first run) and serves the demo's repository in `demoDir/chart-repo`
 * and writes a copy of the configuration whose `demo` repository points at
 * it. Relative paths in the copy are made absolute, as it lives elsewhere.
 */
export async function startDemoChartRepo(opts: {
  configPath: string;
  demoDir: string;
  charts: TChartVersions[];
  helm?: THelmBinary;
}): Promise<TDemoChartRepo> {
  const dir = path.join(opts.demoDir, 'chart-repo');
  await buildChartRepo(opts.charts, dir, opts.helm);
  const server = await serveChartRepo(dir);
  const source = path.resolve(opts.configPath);
  const doc = parseDocument(readFileSync(source, 'utf8'));
  const repos = doc.getIn(['repositories']) as { items?: unknown[] } | undefined;
  repos?.items?.forEach((_, i) => {
    if (doc.getIn(['repositories', i, 'name']) === 'demo')
      doc.setIn(['repositories', i, 'url'], server.url);
  });
  absolutePaths(doc, path.dirname(source));
  const configPath = path.join(opts.demoDir, 'helmdeck-demo.yaml');
  writeFileSync(configPath, doc.toString(), { mode: 0o600 });
  return { ...server, dir, configPath };
}

const relative = (ref: unknown): ref is string =>
  typeof ref === 'string' && (ref.startsWith('./') || ref.startsWith('../'));

/** Chart references, values folders and allow-list entries relative to the file, made absolute. */
export function absolutePaths(doc: ReturnType<typeof parseDocument>, baseDir: string): void {
  const releases = doc.getIn(['releases']) as { items?: unknown[] } | undefined;
  releases?.items?.forEach((_, i) => {
    for (const key of ['chart', 'valuesDir']) {
      const value = doc.getIn(['releases', i, key]);
      if (relative(value)) doc.setIn(['releases', i, key], path.resolve(baseDir, value));
    }
  });
  const allowed = doc.getIn(['allowedCharts']) as { items?: unknown[] } | undefined;
  allowed?.items?.forEach((_, i) => {
    const value = doc.getIn(['allowedCharts', i]);
    if (relative(value)) doc.setIn(['allowedCharts', i], path.resolve(baseDir, value));
  });
}
