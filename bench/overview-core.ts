// The pure part of the overview, without clusters or HTTP: 5 clusters × 200
// releases × 5 revisions of release Secrets in ReleaseCaches, then the
// matrix built cold (first decode of every latest revision) and warm
// (memoized summaries). Prints figures only; asserts nothing.
// Run: npx tsx bench/overview-core.ts
import { readFileSync } from 'node:fs';
import { buildMatrix, type TMatrixConfig } from '../lib/releases/matrix';
import { ReleaseCache } from '../lib/releases/release-cache';
import { encodeReleaseSecretData, type TKubeSecret } from '../lib/releases/release-secret';

const CLUSTERS = ['dev', 'staging', 'east', 'west', 'eu'];
const NAMESPACE: Record<string, string> = { dev: 'development', staging: 'staging' };
const RELEASES = 200;
const REVISIONS = 5;

const base = JSON.parse(
  readFileSync(new URL('../lib/releases/fixtures/helm4-install-web.json', import.meta.url), 'utf8'),
);

function secrets(cluster: string): TKubeSecret[] {
  const ns = NAMESPACE[cluster] ?? 'production';
  const out: TKubeSecret[] = [];
  let rv = 1;
  for (let i = 0; i < RELEASES; i++) {
    for (let rev = 1; rev <= REVISIONS; rev++) {
      const name = `app-${i}`;
      const json = { ...base, name, namespace: ns, version: rev };
      json.chart = { ...base.chart, metadata: { ...base.chart.metadata, version: `1.${rev}.0` } };
      json.manifest = base.manifest.replaceAll('web-demo', `${name}-demo`);
      out.push({
        type: 'helm.sh/release.v1',
        metadata: {
          name: `sh.helm.release.v1.${name}.v${rev}`,
          namespace: ns,
          uid: `${cluster}-${name}-${rev}`,
          resourceVersion: String(rv++),
          labels: {
            owner: 'helm',
            name,
            version: String(rev),
            status: rev === REVISIONS ? 'deployed' : 'superseded',
          },
        },
        data: { release: encodeReleaseSecretData(json) },
      });
    }
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const config: TMatrixConfig = {
  environments: [
    { name: 'development', namespace: 'development', clusters: ['dev'] },
    { name: 'staging', namespace: 'staging', clusters: ['staging'] },
    { name: 'production', namespace: 'production', clusters: ['east', 'west', 'eu'] },
  ],
  releases: Array.from({ length: RELEASES }, (_, i) => ({ name: `app-${i}` })),
};

async function main() {
  const caches = new Map<string, ReleaseCache>();
  for (const cluster of CLUSTERS) {
    const items = secrets(cluster);
    const cache = new ReleaseCache({
      list: async () => ({ items, resourceVersion: String(items.length) }),
      watch: () => () => {},
      get: async (_ns, name) => items.find((s) => s.metadata?.name === name)!,
    });
    await cache.start();
    caches.set(cluster, cache);
  }
  const overview = () =>
    buildMatrix(
      config,
      CLUSTERS.map((cluster) => ({
        cluster,
        releases: caches.get(cluster)?.latestSummaries() ?? [],
        lastGoodAt: new Date(),
        error: null,
      })),
    );
  let t = performance.now();
  const cold = overview();
  const coldMs = performance.now() - t;
  const warm: number[] = [];
  for (let i = 0; i < 21; i++) {
    t = performance.now();
    overview();
    warm.push(performance.now() - t);
  }
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log(`rows=${cold.rows.length} columns=${cold.columns.length}`);
  console.log(
    `overview-core: cold_ms=${coldMs.toFixed(1)} warm_ms=${median(warm).toFixed(2)} rss_mb=${rss.toFixed(0)}`,
  );
  for (const c of caches.values()) c.stop();
}

await main();
