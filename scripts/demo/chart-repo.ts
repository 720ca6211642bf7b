// The demo's chart repository: every version of the demo charts packaged
// with `helm package` and indexed with `helm repo index`, served as static
// files on loopback, so the demo deploys exact versions and digests instead
// of whatever a chart folder holds.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
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
      await helmPackage({ chartDir: chart.dir, destination: outDir, version }, helm);
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
