// A real Prometheus (Debian's /usr/bin/prometheus) for tests that scrape
// Helmdeck: static scrape jobs, a temp data dir, a free loopback port.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

const BINARY = '/usr/bin/prometheus';

export type TScrapeJob = {
  job: string;
  target: string;
  metricsPath: string;
  bearerToken?: string;
};

export type TSample = { metric: Record<string, string>; value: number };
export type TTarget = { job: string; health: string; lastError: string };

export type TPrometheus = {
  url: string;
  query(promql: string): Promise<TSample[]>;
  targets(): Promise<TTarget[]>;
  stop(): Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function api<T>(url: string): Promise<T> {
  const res = await fetch(url);
  const body = (await res.json()) as { status: string; data: T; error?: string };
  if (body.status !== 'success') throw new Error(`prometheus: ${body.error ?? res.status}`);
  return body.data;
}

/** Starts Prometheus scraping `jobs` every second; fails with how to install it when missing. */
export async function startPrometheus(jobs: TScrapeJob[]): Promise<TPrometheus> {
  if (!existsSync(BINARY))
    throw new Error('prometheus is not installed: apt-get install -y prometheus (.ci/run does it)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-prometheus-'));
  const config = {
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    scrape_configs: jobs.map((j) => ({
      job_name: j.job,
      metrics_path: j.metricsPath,
      static_configs: [{ targets: [j.target] }],
      ...(j.bearerToken ? { authorization: { type: 'Bearer', credentials: j.bearerToken } } : {}),
    })),
  };
  writeFileSync(path.join(dir, 'prometheus.yml'), stringify(config), { mode: 0o600 });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    BINARY,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited (${child.exitCode}):\n${log}`);
    }
    if (
      await fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus was not ready within 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async query(promql) {
      const data = await api<{
        result: { metric: Record<string, string>; value: [number, string] }[];
      }>(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      return data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
    },
    async targets() {
      const data = await api<{
        activeTargets: { labels: { job: string }; health: string; lastError: string }[];
      }>(`${url}/api/v1/targets`);
      return data.activeTargets.map((t) => ({
        job: t.labels.job,
        health: t.health,
        lastError: t.lastError,
      }));
    },
    stop,
  };
}
