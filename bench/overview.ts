// bench:overview — the overview as its viewers get it, through HTTP against
// `next start`, beside what a user would run by hand for the same picture.
//   npm run bench:overview -- [--clusters 5] [--releases 1000] [--revisions 5]
//                             [--viewers 50] [--seconds 15] [--changes 30]
// --releases is the number of helm releases in all (each cluster holds
// releases/clusters of them, the same names everywhere, so the matrix has
// releases/clusters rows); secrets = releases × revisions. The sandbox runs
// in a child process, the server in its own process group, the load
// generator in a third process. Needs a current `npm run build`. Prints
// figures only; asserts nothing. README's "Benchmarks" says what each is.
import { execFile, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { createClusterClients, type TClusterClients } from '../lib/kube/clients';
import { loadKubeConfig } from '../lib/kube/kubeconfig';
import { bundledToolPath } from '../lib/helm/bundled-tools';
import { nsOf, seedChild } from './overview-seed';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    clusters: { type: 'string', default: '5' },
    releases: { type: 'string', default: '1000' },
    revisions: { type: 'string', default: '5' },
    viewers: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '15' },
    changes: { type: 'string', default: '30' },
    'sandbox-child': { type: 'string' },
  },
});
const CLUSTERS = Number(args.clusters);
const NAMES = ['dev', 'staging', 'east', 'west', 'eu'];
const clusterNames = Array.from({ length: CLUSTERS }, (_, i) => NAMES[i] ?? `c${i + 1}`);
const perCluster = Math.ceil(Number(args.releases) / CLUSTERS);
const REVISIONS = Number(args.revisions);
const shape = { clusters: clusterNames, perCluster, revisions: REVISIONS };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function benchConfig() {
  const first = clusterNames[0]!;
  const envs = new Map<
    string,
    { name: string; namespace: string; clusters: { name: string; context: string }[] }
  >();
  for (const c of clusterNames) {
    const ns = nsOf(c, first);
    const env = envs.get(ns) ?? { name: ns, namespace: ns, clusters: [] };
    env.clusters.push({ name: c, context: c });
    envs.set(ns, env);
  }
  const environments = [...envs.values()];
  const promotion = environments.map((e) => e.name);
  // One array per release: a shared one is written as YAML aliases, and the config loader refuses
  // more than 100 of them (its guard against alias bombs), so 800 releases per cluster could not start.
  const releases = Array.from({ length: perCluster }, (_, i) => ({
    name: `app-${i}`,
    promotion: [...promotion],
  }));
  return { environments, releases };
}

type TBody = {
  clusters: { state: string }[];
  rows: {
    release: string;
    cells: {
      state: string;
      cluster: string;
      release: { chartVersion: string | null; health: { desired: number } | null } | null;
    }[];
  }[];
};

async function getOverview(url: string, token: string): Promise<{ body: TBody; bytes: number }> {
  const res = await fetch(`${url}/api/v1/releases`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET /api/v1/releases: ${res.status} ${text.slice(0, 200)}`);
  return { body: JSON.parse(text) as TBody, bytes: Buffer.byteLength(text) };
}

const complete = (b: TBody) =>
  b.clusters.length === CLUSTERS &&
  b.clusters.every((c) => c.state === 'ok') &&
  b.rows.length >= perCluster &&
  b.rows.every((r) => r.cells.every((c) => c.state === 'ok' && c.release?.chartVersion));

async function until<T>(
  what: string,
  ms: number,
  probe: () => Promise<T | undefined>,
  every = 50,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    await sleep(every);
  }
  throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
}

/** A client of /api/events: resolves waiters when a `cells` delta matches. */
function deltaStream(url: string, token: string) {
  const waiters = new Set<{ match: (d: unknown) => boolean; done: () => void }>();
  const controller = new AbortController();
  const ready = (async () => {
    const res = await fetch(`${url}/api/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    let opened: () => void = () => {};
    const first = new Promise<void>((r) => (opened = r));
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) {
          // A stream the server ends while the bench still listens is worth knowing about.
          if (!controller.signal.aborted) console.log('watch: the server ended /api/events');
          return;
        }
        buf += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          // A frame may start with `retry:`; its `event:` line names it.
          if (/^event: ready$/m.test(frame)) opened();
          if (!/^event: cells$/m.test(frame)) continue;
          const delta = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as unknown;
          for (const w of waiters) {
            if (!w.match(delta)) continue;
            waiters.delete(w);
            w.done();
          }
        }
      }
    })();
    await first;
  })();
  return {
    ready,
    wait: (match: (d: unknown) => boolean, ms: number) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('no delta within ' + ms + ' ms')), ms);
        waiters.add({
          match,
          done: () => {
            clearTimeout(t);
            resolve();
          },
        });
      }),
    close: () => controller.abort(),
  };
}

async function patchJson(clients: TClusterClients, urlPath: string, body: unknown): Promise<void> {
  const options = {
    method: 'PATCH',
    headers: { 'content-type': 'application/merge-patch+json', accept: 'application/json' },
  };
  await clients.kubeConfig.applyToHTTPSOptions(options);
  await new Promise<void>((resolve, reject) => {
    const req = request(new URL(clients.server + urlPath), options, (res) => {
      res.resume();
      res.on('end', () =>
        (res.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`PATCH ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function timedRun(file: string, argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const t = performance.now();
  await promisify(execFile)(file, argv, { env, maxBuffer: 256 * 1024 * 1024 });
  return performance.now() - t;
}

async function main() {
  const { hasBuild, startBenchServer, BUILD_ID } = await import('./overview-server');
  if (!hasBuild()) {
    console.error(
      `bench:overview: no Next build (${BUILD_ID} missing). Run \`npm run build\` first.`,
    );
    process.exit(1);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-bench-overview-'));
  const child = fork(
    fileURLToPath(import.meta.url),
    ['--sandbox-child', dir, ...process.argv.slice(2)],
    {
      execArgv: ['--import', 'tsx'],
    },
  );
  let server: Awaited<ReturnType<typeof startBenchServer>> | undefined;
  try {
    const secrets = CLUSTERS * perCluster * REVISIONS;
    console.log(
      `seeding ${CLUSTERS} sandbox clusters × ${perCluster} releases × ${REVISIONS} revisions = ${secrets} release Secrets, one Deployment per release…`,
    );
    const kubeconfig = await new Promise<string>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { kubeconfig: string }).kubeconfig));
      child.once('exit', (code) => reject(new Error(`sandbox child exited (${code})`)));
    });
    const config = benchConfig();
    console.log('seeded; starting embedded Postgres and next start…');
    server = await startBenchServer({ dir, kubeconfig, config });
    const { url, token } = server;
    const bootMs =
      (await until('/api/health', 120_000, async () =>
        (await fetch(`${url}/api/health`)).ok ? performance.now() : undefined,
      )) - server.spawnedAt;
    const coldAt = await until('a complete overview', 300_000, async () =>
      complete((await getOverview(url, token)).body) ? performance.now() : undefined,
    );
    const coldMs = coldAt - server.spawnedAt;
    const rssLoaded = server.rssMb();
    console.log(
      `server up ${(bootMs / 1000).toFixed(2)} s, complete overview ${(coldMs / 1000).toFixed(2)} s after spawning next start`,
    );

    const single: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      bytes = (await getOverview(url, token)).bytes;
      single.push(performance.now() - t);
    }
    const warmMs = median(single);

    // Watch to page: a Deployment scaled through the API until its cell's delta reaches an SSE client.
    const { kubeConfig, source } = loadKubeConfig({ files: [kubeconfig], inCluster: false });
    const stream = deltaStream(url, token);
    await stream.ready;
    const watch: number[] = [];
    let watchMissed = 0;
    for (let k = 0; k < Number(args.changes); k++) {
      const cluster = clusterNames[k % CLUSTERS]!;
      const ns = nsOf(cluster, clusterNames[0]!);
      const name = `app-${(k * 7) % perCluster}`;
      const replicas = 2 + (k % 3);
      const clients = createClusterClients(kubeConfig, cluster, source);
      // A change that never arrives is a finding, not a reason to lose the other figures.
      const arrived = stream
        .wait((d) => {
          const delta = d as {
            changed: {
              release: string;
              cells: { cell: TBody['rows'][number]['cells'][number] }[];
            }[];
          };
          return delta.changed.some(
            (r) =>
              r.release === name &&
              r.cells.some(
                (c) => c.cell.cluster === cluster && c.cell.release?.health?.desired === replicas,
              ),
          );
        }, 10_000)
        .then(
          () => true,
          () => false,
        );
      const t = performance.now();
      const patched = await patchJson(
        clients,
        `/apis/apps/v1/namespaces/${ns}/deployments/${name}-demo`,
        { spec: { replicas } },
      ).then(
        () => true,
        (e: unknown) => {
          console.log(`watch: ${cluster}/${name}: ${String(e)}`);
          return false;
        },
      );
      if (!patched) {
        watchMissed++;
        continue;
      }
      const ok = await arrived;
      if (!ok) {
        watchMissed++;
        continue;
      }
      watch.push(performance.now() - t);
      await sleep(100);
    }
    stream.close();

    console.log(
      `load: ${args.viewers} viewers × ${args.seconds} s on GET /api/v1/releases (autocannon in its own process)…`,
    );
    const load = await new Promise<{
      requests: number;
      rps: number;
      p50: number;
      p95: number;
      non2xx: number;
      errors: number;
    }>((resolve, reject) => {
      const gen = fork(
        fileURLToPath(new URL('./overview-load.ts', import.meta.url)),
        [`${url}/api/v1/releases`, token, String(args.viewers), String(args.seconds)],
        { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
      );
      let out = '';
      gen.stdout!.on('data', (b: Buffer) => (out += b.toString()));
      gen.once('exit', (code) =>
        code === 0
          ? resolve(JSON.parse(out.trim().split('\n').pop()!))
          : reject(new Error(`load generator exited ${code}`)),
      );
    });
    const rssAfterLoad = server.rssMb();
    const after = await getOverview(url, token);
    const errors = load.non2xx + load.errors + (complete(after.body) ? 0 : 1);
    await server.stop();
    server = undefined;

    // What a user runs by hand for the same picture: per context, helm list and kubectl get.
    const env = { ...process.env, KUBECONFIG: kubeconfig };
    const helm = bundledToolPath('helm');
    const kubectl = bundledToolPath('kubectl');
    const rounds: number[] = [];
    for (let r = 0; r < 3; r++) {
      let total = 0;
      for (const c of clusterNames) {
        total += await timedRun(
          helm,
          ['list', '-A', '-o', 'json', '--max', '0', '--kube-context', c],
          env,
        );
        total += await timedRun(kubectl, ['--context', c, 'get', 'deploy,pods', '-A'], env);
      }
      rounds.push(total);
    }
    const baselineMs = median(rounds);

    console.log(
      `cold: ${(coldMs / 1000).toFixed(2)} s from spawning next start to a GET with every cluster ok and every cell's chart version (server up after ${(bootMs / 1000).toFixed(2)} s)`,
    );
    console.log(
      `warm: one viewer alone, 20 sequential GETs over loopback, median ${warmMs.toFixed(1)} ms for ${(bytes / 1024).toFixed(0)} KiB`,
    );
    console.log(
      `load: ${load.requests} responses (${load.rps.toFixed(1)} req/s) to ${args.viewers} viewers; p50 ${load.p50.toFixed(1)} ms, p95 ${load.p95.toFixed(1)} ms; errors ${errors} (non-2xx ${load.non2xx}, connection ${load.errors}, incomplete after ${complete(after.body) ? 0 : 1})`,
    );
    if (watchMissed) console.log(`watch: ${watchMissed} changes reached no client within 10 s`);
    console.log(
      `watch: ${watch.length} Deployments scaled through the API; PATCH sent -> its cell's delta read from /api/events: p50 ${median(watch).toFixed(0)} ms, p95 ${pct(watch, 95).toFixed(0)} ms`,
    );
    console.log(
      `rss: next start's process group ${rssLoaded.toFixed(0)} MB after the complete load, ${rssAfterLoad.toFixed(0)} MB after the viewers`,
    );
    console.log(
      `baseline: per context helm list -A + kubectl get deploy,pods -A, all ${CLUSTERS} contexts one after the other: rounds ${rounds.map((x) => x.toFixed(0)).join(', ')} ms`,
    );
    console.log(
      `overview: releases=${CLUSTERS * perCluster} clusters=${CLUSTERS} secrets=${secrets} cold_ms=${coldMs.toFixed(0)} warm_http_ms=${warmMs.toFixed(1)} p50_ms=${load.p50.toFixed(1)} p95_ms=${load.p95.toFixed(1)} watch_ms=${watch.length ? pct(watch, 95).toFixed(0) : 'none-arrived'} server_rss_mb=${rssLoaded.toFixed(0)} baseline_ms=${baselineMs.toFixed(0)} ratio=${(baselineMs / warmMs).toFixed(1)}`,
    );
  } catch (e) {
    if (server?.tail.length) console.error(`last server output:\n  ${server.tail.join('\n  ')}`);
    throw e;
  } finally {
    await server?.stop();
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.send('stop');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args['sandbox-child']) await seedChild(args['sandbox-child'], shape);
else await main();
