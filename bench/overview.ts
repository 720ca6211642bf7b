// The overview at scale: 5 sandbox clusters × 200 releases × 5 revisions,
// read through lib/release-view (LIST+WATCH caches) against what a user
// would otherwise run (helm list per context + helm status per release).
// The sandbox runs in a child process so RSS is the read model's own.
// p95/errors: 50 viewers with autocannon against `next start` (bench/overview-http.ts);
// needs a current `npm run build`. Prints figures only; asserts nothing.
// Run: npm run bench:overview
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClusterClients } from '../lib/kube/clients';
import { loadKubeConfig } from '../lib/kube/kubeconfig';
import { bundledToolPath, inspectHelm, runHelm, type THelmBinary } from '../lib/helm';
import {
  configureReleaseView,
  getOverviewMatrix,
  stopReleaseView,
  type TOverview,
} from '../lib/release-view';
import { overviewOf } from '../lib/release-view/overview';
import { encodeReleaseSecretData } from '../lib/releases/release-secret';

const CLUSTERS = ['dev', 'staging', 'east', 'west', 'eu'];
const NAMESPACE: Record<string, string> = { dev: 'development', staging: 'staging' };
const nsOf = (c: string) => NAMESPACE[c] ?? 'production';
const RELEASES = 200;
const REVISIONS = 5;
const STATUS_SAMPLE = 50;
const VIEWERS = 50;
const LOAD_SECONDS = 15;

// ---- child: the sandbox, seeded with helm's exact Secret format ----------
async function sandboxChild(dir: string) {
  const { startSandbox } = await import('../sandbox/index');
  const sandbox = await startSandbox({
    clusters: CLUSTERS,
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  const base = JSON.parse(
    readFileSync(
      new URL('../lib/releases/fixtures/helm4-install-web.json', import.meta.url),
      'utf8',
    ),
  );
  const start = Date.parse('2026-01-05T10:00:00Z');
  for (const c of sandbox.clusters) {
    const ns = nsOf(c.name);
    c.store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    // Staging runs one chart version ahead of production for every tenth release.
    const bump = (i: number) =>
      (c.name === 'staging' || c.name === 'dev') && i % 10 === 0 ? 1 : 0;
    for (let i = 0; i < RELEASES; i++) {
      const name = `app-${i}`;
      for (let rev = 1; rev <= REVISIONS; rev++) {
        const version = `1.${rev + (rev === REVISIONS ? bump(i) : 0)}.0`;
        const status = rev === REVISIONS ? 'deployed' : 'superseded';
        const at = new Date(start + rev * 3_600_000).toISOString();
        const release = {
          ...base,
          name,
          namespace: ns,
          version: rev,
          info: {
            ...base.info,
            status,
            first_deployed: new Date(start).toISOString(),
            last_deployed: at,
            description: `Deploy ${version} by rita`,
          },
          chart: {
            ...base.chart,
            metadata: { ...base.chart.metadata, version, appVersion: version },
          },
          manifest: base.manifest
            .replaceAll('web-demo', `${name}-demo`)
            .replaceAll('nginx:1.2.3', `nginx:${version}`),
        };
        c.store.create('secrets', {
          apiVersion: 'v1',
          kind: 'Secret',
          type: 'helm.sh/release.v1',
          metadata: {
            name: `sh.helm.release.v1.${name}.v${rev}`,
            namespace: ns,
            labels: {
              owner: 'helm',
              name,
              status,
              version: String(rev),
              modifiedAt: String(Math.floor(Date.parse(at) / 1000)),
            },
          },
          data: { release: encodeReleaseSecretData(release) },
        });
      }
    }
  }
  process.send?.({ kubeconfig: sandbox.kubeconfigPath });
  process.on('message', async () => {
    await sandbox.stop();
    process.exit(0);
  });
}

// ---- parent: the measurements ----------------------------------------------
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const config = {
  environments: [
    { name: 'development', namespace: 'development', clusters: [{ name: 'dev', context: 'dev' }] },
    { name: 'staging', namespace: 'staging', clusters: [{ name: 'staging', context: 'staging' }] },
    {
      name: 'production',
      namespace: 'production',
      clusters: ['east', 'west', 'eu'].map((c) => ({ name: c, context: c })),
    },
  ],
  releases: Array.from({ length: RELEASES }, (_, i) => ({
    name: `app-${i}`,
    promotion: ['development', 'staging', 'production'],
  })),
};

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

async function helmJson(
  helm: THelmBinary,
  kubeconfig: string,
  context: string,
  args: string[],
): Promise<[unknown, number]> {
  return timed(async () => {
    const r = await runHelm(args, { helm, kubeconfig, kubeContext: context, timeoutMs: 120_000 });
    if (r.exitCode !== 0) throw new Error(`helm ${args[0]} failed: ${r.stderr.trim()}`);
    return JSON.parse(r.stdout) as unknown;
  });
}

async function main() {
  // Not a static import: the sandbox child runs this file too, without the react-server condition lib/users needs.
  const { BUILD_ID, hasBuild, httpLoad } = await import('./overview-http');
  if (!hasBuild()) {
    console.error(
      `bench:overview: no Next build (${BUILD_ID} missing). Run \`npm run build\` first; the bench serves the production build.`,
    );
    process.exit(1);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-bench-overview-'));
  const child = fork(fileURLToPath(import.meta.url), ['--sandbox-child', dir], {
    execArgv: ['--import', 'tsx'],
  });
  try {
    console.log(
      `seeding ${CLUSTERS.length} sandbox clusters × ${RELEASES} releases × ${REVISIONS} revisions (helm's Secret format)…`,
    );
    const kubeconfig = await new Promise<string>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { kubeconfig: string }).kubeconfig));
      child.once('exit', (code) => reject(new Error(`sandbox child exited (${code})`)));
    });
    const { kubeConfig, source } = loadKubeConfig({ files: [kubeconfig], inCluster: false });
    const setup = {
      config,
      clientsFor: (ctx: string) => createClusterClients(kubeConfig, ctx, source),
      options: { firstLoadWaitMs: 60_000, probeIntervalMs: 60_000 },
    };
    const rssBefore = process.memoryUsage().rss / 1048576;

    const cold: number[] = [];
    let overview: TOverview | undefined;
    let view = configureReleaseView(setup);
    for (let i = 0; i < 3; i++) {
      view = configureReleaseView(setup);
      const [o, ms] = await timed(() => getOverviewMatrix());
      cold.push(ms);
      overview = o;
    }
    const warm: number[] = [];
    // Warm: caches full, the matrix rebuilt on every call (the shared-build memo bypassed).
    for (let i = 0; i < 21; i++) warm.push((await timed(() => overviewOf(view)))[1]);
    const shared: number[] = [];
    for (let i = 0; i < 21; i++) shared.push((await timed(() => getOverviewMatrix()))[1]);
    global.gc?.();
    const rss = process.memoryUsage().rss / 1048576;
    // The in-process view is done; its watches would only compete with the server below for 2 cores.
    stopReleaseView();

    const rows = overview!.rows.length;
    const aheadRows = overview!.rows.filter((r) => r.drift.some((d) => d.kind === 'ahead')).length;
    console.log(
      `overview: ${rows} rows × ${overview!.columns.length} columns; ${aheadRows} rows with staging ahead; clusters ${overview!.clusters.map((c) => `${c.cluster}=${c.state}`).join(' ')}`,
    );

    // What helm itself says, for a few releases: same revision and chart version as the overview.
    const helm = await inspectHelm(bundledToolPath('helm'));
    const listTimes: number[] = [];
    const listed = new Map<string, { name: string; revision: string | number; chart: string }[]>();
    for (const c of CLUSTERS) {
      const [list, ms] = await helmJson(helm, kubeconfig, c, [
        'list',
        '-A',
        '-o',
        'json',
        '--max',
        '0',
      ]);
      listTimes.push(ms);
      listed.set(c, list as { name: string; revision: string | number; chart: string }[]);
    }
    for (const [c, name] of [
      ['dev', 'app-0'],
      ['staging', 'app-10'],
      ['east', 'app-10'],
      ['eu', 'app-199'],
    ] as const) {
      const h = listed.get(c)?.find((r) => r.name === name);
      const cell = overview!.rows
        .find((r) => r.release === name)
        ?.cells.find((x) => x.cluster === c)?.release;
      const same =
        h &&
        cell &&
        Number(h.revision) === cell.revision &&
        h.chart === `${cell.chartName}-${cell.chartVersion}`;
      console.log(
        `verify ${c}/${name}: helm list says revision ${h?.revision} ${h?.chart}; overview says ${cell?.revision} ${cell?.chartName}-${cell?.chartVersion} ${same ? 'OK' : 'MISMATCH'}`,
      );
    }
    const statusTimes: number[] = [];
    for (let i = 0; i < STATUS_SAMPLE; i++) {
      const c = CLUSTERS[i % CLUSTERS.length]!;
      const name = `app-${Math.floor((i * RELEASES) / STATUS_SAMPLE)}`;
      statusTimes.push(
        (
          await helmJson(helm, kubeconfig, c, ['status', '-n', nsOf(c), '-o', 'json', '--', name])
        )[1],
      );
    }
    const total = CLUSTERS.length * RELEASES;
    const meanStatus = statusTimes.reduce((a, b) => a + b, 0) / statusTimes.length;
    const cliLoop = listTimes.reduce((a, b) => a + b, 0) + meanStatus * total;

    console.log(
      `http: starting embedded Postgres and \`next start\` (build of ${statSync(BUILD_ID).mtime.toISOString()})…`,
    );
    const http = await httpLoad({
      dir,
      kubeconfig,
      config,
      connections: VIEWERS,
      seconds: LOAD_SECONDS,
      log: (l) => console.log(`http: ${l}`),
    });
    const errors = http.non2xx + http.errors + http.nonOk;

    const warmMs = median(warm);
    const coldMs = median(cold);
    console.log(
      `cold (fresh caches: LIST ${total * REVISIONS} Secrets over HTTPS, decode ${total} latest): runs ${cold.map((x) => x.toFixed(0)).join(', ')} ms`,
    );
    console.log(
      `warm (caches full, matrix rebuilt per call): median ${warmMs.toFixed(2)} ms over ${warm.length} calls; with the 1 s shared build a server uses: median ${median(shared).toFixed(2)} ms`,
    );
    console.log(
      `cli loop: helm list -A per context ${listTimes.map((x) => x.toFixed(0)).join(', ')} ms; helm status mean ${meanStatus.toFixed(0)} ms over ${STATUS_SAMPLE} sampled releases, extrapolated to ${total}`,
    );
    console.log(
      `http server: up with every cluster ok ${(http.startMs / 1000).toFixed(1)} s after spawn; one viewer alone (20 sequential GETs, loopback, client-timed): median ${median(http.singleMs).toFixed(1)} ms, body ${(http.bodyBytes / 1024).toFixed(0)} KiB`,
    );
    console.log(
      `p95/errors: HTTP, autocannon ${VIEWERS} connections × ${LOAD_SECONDS} s on GET /api/v1/releases with a viewer's API token, load generator on the same 2 cores: ${http.requests} responses (${http.rps.toFixed(1)} req/s); p50 ${http.p50.toFixed(1)} ms, p95 ${http.p95.toFixed(1)} ms, p99 ${http.p99.toFixed(1)} ms (from every response's time; autocannon's histogram: p50 ${http.acP50} ms, p97.5 ${http.acP97_5} ms)`,
    );
    console.log(
      `errors = non-2xx ${http.non2xx} + connection errors ${http.errors} (timeouts ${http.timeouts} included) + non-ok clusters/cells in a GET after the load ${http.nonOk}`,
    );
    console.log(
      `rss: ${rss.toFixed(0)} MB with ${total} releases (${total * REVISIONS} Secrets) loaded; ${rssBefore.toFixed(0)} MB before; sandbox in a child process`,
    );
    console.log(
      `overview: warm_ms=${warmMs.toFixed(1)} cold_ms=${coldMs.toFixed(0)} cli_loop_ms=${cliLoop.toFixed(0)} ratio=${(cliLoop / warmMs).toFixed(0)} p95_ms=${http.p95.toFixed(1)} errors=${errors} rss_mb=${rss.toFixed(0)}`,
    );
  } finally {
    stopReleaseView();
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.send('stop');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf('--sandbox-child');
if (childAt >= 0) await sandboxChild(process.argv[childAt + 1]!);
else await main();
