// A real Prometheus (Debian's /usr/bin/prometheus) for tests and the demo,
// scraping every Running pod's `http`/`metrics` port through its cluster's
// API server pods proxy, with the sandbox CA and the cluster's bearer token,
// as one would scrape a real cluster from outside. Pods are discovered with
// http_sd_configs from the sandbox's /sandbox/sd/pods, which gives exactly
// the targets and __meta_kubernetes_pod_* labels of kubernetes_sd_configs
// (role: pod): Debian builds Prometheus without the kubernetes discovery.
// Listens on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { stringify } from 'yaml';

export const PROMETHEUS_MISSING = 'prometheus is not installed: apt-get install -y prometheus';

export class PrometheusNotInstalledError extends Error {
  constructor() {
    super(PROMETHEUS_MISSING);
  }
}

export interface TScrapedCluster {
  name: string;
  url: string;
  token: string;
}

export interface TPrometheusOptions {
  /** The clusters to discover and scrape (a started sandbox's `clusters`). */
  sandbox: { clusters: TScrapedCluster[]; caCert: string };
  /** Config, credentials and the TSDB go here. */
  dataDir: string;
  /** How often each pod is scraped, e.g. "1s" (default "2s"). */
  scrapeInterval?: string;
  /** A prometheus binary other than /usr/bin/prometheus or the one on PATH. */
  binary?: string;
}

export interface TPrometheus {
  /** Base URL of its HTTP API, e.g. http://127.0.0.1:40123 (query at /api/v1/query). */
  url: string;
  stop(): Promise<void>;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The prometheus binary to run, or undefined when it is not installed. */
export function prometheusBinary(binary?: string): string | undefined {
  if (binary) return executable(binary) ? binary : undefined;
  const dirs = ['/usr/bin', ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  return dirs.map((d) => path.join(d, 'prometheus')).find(executable);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The scrape job of one cluster: its pods, found and scraped through its API server. */
function scrapeJob(
  cluster: TScrapedCluster,
  files: { ca: string; token: string },
  interval: string,
) {
  const apiServer = new URL(cluster.url);
  const tls = { ca_file: files.ca };
  const authorization = { type: 'Bearer', credentials_file: files.token };
  return {
    job_name: `sandbox-${cluster.name}`,
    scrape_interval: interval,
    scrape_timeout: interval,
    scheme: 'https',
    tls_config: tls,
    authorization,
    // With a Prometheus built with it: kubernetes_sd_configs: [{ role: pod, api_server, tls_config, authorization }].
    http_sd_configs: [
      {
        url: `${cluster.url}/sandbox/sd/pods`,
        refresh_interval: interval,
        tls_config: tls,
        authorization,
      },
    ],
    relabel_configs: [
      { source_labels: ['__meta_kubernetes_pod_phase'], regex: 'Running', action: 'keep' },
      {
        source_labels: ['__meta_kubernetes_pod_container_port_name'],
        regex: 'http|metrics',
        action: 'keep',
      },
      {
        source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'],
        regex: 'false',
        action: 'drop',
      },
      { action: 'labelmap', regex: '__meta_kubernetes_pod_label_(.+)' },
      { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
      { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
      { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'instance' },
      { target_label: 'cluster', replacement: cluster.name },
      { target_label: '__address__', replacement: apiServer.host },
      {
        source_labels: [
          '__meta_kubernetes_namespace',
          '__meta_kubernetes_pod_name',
          '__meta_kubernetes_pod_container_port_number',
        ],
        regex: '(.+);(.+);(.+)',
        target_label: '__metrics_path__',
        replacement: '/api/v1/namespaces/$1/pods/$2:$3/proxy/metrics',
      },
    ],
  };
}

/** Writes the config and credentials; returns the config file. */
export function writePrometheusConfig(options: TPrometheusOptions): string {
  const interval = options.scrapeInterval ?? '2s';
  const dir = path.resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  const ca = path.join(dir, 'sandbox-ca.crt');
  writeFileSync(ca, options.sandbox.caCert);
  const jobs = options.sandbox.clusters.map((cluster) => {
    const token = path.join(dir, `${cluster.name}.token`);
    writeFileSync(token, cluster.token, { mode: 0o600 });
    return scrapeJob(cluster, { ca, token }, interval);
  });
  const file = path.join(dir, 'prometheus.yml');
  const config = {
    global: { scrape_interval: interval, evaluation_interval: interval },
    scrape_configs: jobs,
  };
  writeFileSync(file, stringify(config));
  return file;
}

async function waitReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`prometheus exited with code ${child.exitCode}: ${stderr().slice(-2000)}`);
    const ok = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`prometheus did not become ready within 30 s: ${stderr().slice(-2000)}`);
}

/** Starts Prometheus scraping the sandbox; throws PrometheusNotInstalledError when there is none. */
export async function startPrometheus(options: TPrometheusOptions): Promise<TPrometheus> {
  const binary = prometheusBinary(options.binary);
  if (!binary) throw new PrometheusNotInstalledError();
  const configFile = writePrometheusConfig(options);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(path.dirname(configFile), 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=1d',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-10_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
  };
  try {
    await waitReady(url, child, () => stderr);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, stop };
}
