// bench:promotion — a three-wave production promotion as a CI job gets it,
// through HTTP against `next start`: from `POST /api/v1/promotions` (staging
// -> production east, west, eu; no soak) to `GET /api/v1/promotions/{id}`
// reporting it final (polled every 10 ms), beside the same three
// `helm upgrade --wait --rollback-on-failure` run by hand one cluster after
// the other, alternating, in the same run against the same sandbox clusters.
// Helmdeck's time includes what it adds per cluster: the pre-deploy checklist
// and the post-deploy verification (helm test among them). Needs a current
// `npm run build`. Prints figures only.
//   npm run bench:promotion [-- --rounds 3 --port 3000]
// Ends with: promotion: helmdeck_ms=<n> helm_ms=<n> ratio=<n> (medians), after
// a line that splits Helmdeck's time per cluster by the steps' own timestamps.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { helmUpgrade } from '../lib/helm';
import { startSandbox } from '../sandbox/index';
import { median, printComparison, requireBuild, sleep, waitUntilUp } from './http-bench';
import { startBenchServer } from './overview-server';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    rounds: { type: 'string', default: '3' },
    port: { type: 'string' },
  },
});
const rounds = Number(args.rounds);
const CHART = path.resolve('examples/charts/alpha-members');
const PRODUCTION = ['east', 'west', 'eu'];

type TStepBody = {
  cluster: string;
  state: string;
  startedAt: string | null;
  deployedAt: string | null;
  verifiedAt: string | null;
  finishedAt: string | null;
};
type TPromotionBody = { state: string; error: string | null; steps: TStepBody[] };

requireBuild('bench:promotion');
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-bench-promotion-'));
const sandbox = await startSandbox({
  clusters: ['staging', ...PRODUCTION],
  kubeconfigPath: path.join(dir, 'kubeconfig'),
});
const server = await startBenchServer({
  dir,
  kubeconfig: sandbox.kubeconfigPath,
  role: 'release_manager',
  port: args.port ? Number(args.port) : undefined,
  config: {
    environments: [
      {
        name: 'staging',
        namespace: 'staging',
        clusters: [{ name: 'staging', context: 'staging' }],
        valuesFiles: ['values.yaml', 'values-staging.yaml'],
      },
      {
        name: 'production',
        namespace: 'production',
        clusters: PRODUCTION.map((c) => ({ name: c, context: c })),
        valuesFiles: ['values.yaml', 'values-prod.yaml'],
      },
    ],
    releases: [{ name: 'alpha-members', chart: CHART, promotion: ['staging', 'production'] }],
    allowedCharts: [`${path.dirname(CHART)}/*`],
  },
});
const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };

async function post(url: string, body: unknown): Promise<{ id: number }> {
  const res = await fetch(`${server.url}${url}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  if (res.status !== 202) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  const json = (await res.json()) as { operation?: { id: number }; promotion?: { id: number } };
  return (json.operation ?? json.promotion)!;
}

async function untilFinal<T extends { state: string }>(url: string, key: string): Promise<T> {
  for (;;) {
    const res = await fetch(`${server.url}${url}`, { headers });
    if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as Record<string, T>;
    const it = body[key]!;
    if (!['queued', 'running', 'pending'].includes(it.state)) return it;
    await sleep(10);
  }
}

/** Puts a new build into staging through Helmdeck (not timed): what the next promotion carries. */
async function stageBuild(imageTag: string, kind: 'install' | 'upgrade' = 'upgrade') {
  const op = await post('/api/v1/operations', {
    kind,
    environment: 'staging',
    cluster: 'staging',
    release: 'alpha-members',
    params: { imageTag },
  });
  const done = await untilFinal<{ state: string; error: string | null }>(
    `/api/v1/operations/${op.id}?afterLogId=999999999999`,
    'operation',
  );
  if (done.state !== 'succeeded') throw new Error(`staging ${kind}: ${done.error}`);
}

/** Client-timed, POST to the first GET that says final; with the per-step split. */
async function viaHttp() {
  const start = performance.now();
  const p = await post('/api/v1/promotions', {
    release: 'alpha-members',
    from: 'staging',
    to: 'production',
  });
  const done = await untilFinal<TPromotionBody>(`/api/v1/promotions/${p.id}`, 'promotion');
  const ms = performance.now() - start;
  if (done.state !== 'succeeded') throw new Error(`promotion ${done.state}: ${done.error}`);
  const at = (s: string | null) => (s ? Date.parse(s) : NaN);
  const sum = (f: (s: TStepBody) => number) => done.steps.reduce((n, s) => n + f(s), 0);
  return {
    ms,
    deployMs: sum((s) => at(s.deployedAt) - at(s.startedAt)),
    verifyMs: sum((s) => at(s.verifiedAt) - at(s.deployedAt)),
    afterMs: sum((s) => at(s.finishedAt) - at(s.verifiedAt)),
  };
}

/** The same upgrades by hand: each production cluster in turn, with its own values layers. */
async function byHand(imageTag: string): Promise<number> {
  const start = performance.now();
  for (const cluster of PRODUCTION) {
    await helmUpgrade(
      { kubeconfig: sandbox.kubeconfigPath, kubeContext: cluster, namespace: 'production' },
      {
        release: 'alpha-members',
        chart: CHART,
        install: true,
        createNamespace: true,
        rollbackOnFailure: true,
        wait: 'watcher',
        timeout: '5m',
        valuesFiles: ['values.yaml', 'values-prod.yaml', `values-${cluster}.yaml`].map((f) =>
          path.join(CHART, f),
        ),
        values: { image: { tag: imageTag } },
      },
    );
  }
  return performance.now() - start;
}

try {
  await waitUntilUp(server);
  // Warm-up: the first promotion installs everywhere; routes, clients and connections warm up.
  await stageBuild('2.3.0', 'install');
  await viaHttp();
  await byHand('2.3.0-hand');
  const helmdeck: Awaited<ReturnType<typeof viaHttp>>[] = [];
  const helm: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await stageBuild(`2.4.${i}`);
    helmdeck.push(await viaHttp());
    helm.push(await byHand(`2.4.${i}-hand`));
  }
  printComparison(
    'promotion',
    { helmdeckMs: helmdeck.map((x) => x.ms), helmMs: helm },
    `promotion split, summed over the three clusters (medians): checks_and_deploy_ms=${median(helmdeck.map((x) => x.deployMs)).toFixed(0)} verify_ms=${median(helmdeck.map((x) => x.verifyMs)).toFixed(0)} after_verify_ms=${median(helmdeck.map((x) => x.afterMs)).toFixed(0)}`,
  );
} finally {
  await server.stop();
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
