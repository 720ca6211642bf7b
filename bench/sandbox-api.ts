// Requests per second of the sandbox API: a LIST of 1,000 Secrets and a
// GET of one, over HTTPS with keep-alive, a few requests in flight.
// Printed, never asserted.  npx tsx bench/sandbox-api.ts
import { Agent, request } from 'node:https';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { startSandbox } from '../sandbox/index';

const SECRETS = 1000;
const DURATION_MS = 3000;
const IN_FLIGHT = 4;

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    clusters: ['bench'],
    kubeconfigPath: path.join(mkdtempSync(path.join(tmpdir(), 'sandbox-bench-')), 'kubeconfig'),
  });
  const [cluster] = sandbox.clusters;
  if (!cluster) throw new Error('no cluster');
  for (let i = 0; i < SECRETS; i++) {
    cluster.store.create('secrets', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: `s-${String(i).padStart(4, '0')}`,
        namespace: 'default',
        labels: { owner: 'helm', name: `r${i % 50}` },
      },
      type: 'Opaque',
      data: { value: Buffer.from(`secret-${i}`.repeat(20)).toString('base64') },
    });
  }
  const config = parse(readFileSync(sandbox.kubeconfigPath, 'utf8')) as {
    clusters: Array<{ cluster: Record<string, string> }>;
  };
  const ca = Buffer.from(
    config.clusters[0]!.cluster['certificate-authority-data']!,
    'base64',
  ).toString();
  const agent = new Agent({ keepAlive: true, ca, maxSockets: IN_FLIGHT });

  const once = (urlPath: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        new URL(urlPath, cluster.url),
        {
          agent,
          headers: { Authorization: `Bearer ${cluster.token}`, Accept: 'application/json' },
        },
        (res) => {
          let size = 0;
          res.on('data', (c: Buffer) => (size += c.length));
          res.on('end', () =>
            res.statusCode === 200 ? resolve(size) : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });

  const measure = async (label: string, urlPath: string) => {
    const size = await once(urlPath);
    let count = 0;
    const end = Date.now() + DURATION_MS;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (Date.now() < end) {
          await once(urlPath);
          count += 1;
        }
      }),
    );
    console.log(
      `${label.padEnd(34)} ${(count / (DURATION_MS / 1000)).toFixed(0).padStart(6)} req/s  (${(size / 1024).toFixed(0)} KiB per answer)`,
    );
  };

  await measure(`LIST ${SECRETS} Secrets`, '/api/v1/namespaces/default/secrets');
  await measure(
    'LIST with labelSelector (20 items)',
    '/api/v1/namespaces/default/secrets?labelSelector=name%3Dr7,owner%3Dhelm',
  );
  await measure('GET one Secret', '/api/v1/namespaces/default/secrets/s-0500');
  await measure('GET /version', '/version');
  agent.destroy();
  await sandbox.stop();
}

void main();
