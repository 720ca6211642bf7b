// Faults on the demo stack's sandbox clusters (unreachable, slow), set through
// the sandbox admin endpoint with the admin token the e2e server writes out.
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import path from 'node:path';
import { parse } from 'yaml';

type TE2eInfo = {
  kubeconfigPath: string;
  adminToken: string;
  clusters: { name: string; url: string }[];
};

export type TSandboxFault =
  | { kind: 'unreachable'; durationMs?: number }
  | { kind: 'latency'; ms: number; durationMs?: number };

function e2eInfo(): TE2eInfo {
  const file =
    process.env.HELMDECK_E2E_INFO ?? path.resolve('.helmdeck', 'e2e', 'demo', 'e2e-info.json');
  return JSON.parse(readFileSync(file, 'utf8')) as TE2eInfo;
}

// The sandbox serves TLS with its own CA, which the kubeconfig carries.
function sandboxCa(kubeconfigPath: string): string {
  const kc = parse(readFileSync(kubeconfigPath, 'utf8')) as {
    clusters: { cluster: Record<string, string> }[];
  };
  const data = kc.clusters[0]?.cluster['certificate-authority-data'];
  if (!data) throw new Error('the sandbox kubeconfig has no certificate-authority-data');
  return Buffer.from(data, 'base64').toString('utf8');
}

// Through another cluster's port: an unreachable cluster answers nothing, admin calls included.
async function call(method: 'POST' | 'DELETE', cluster: string, fault?: TSandboxFault) {
  const info = e2eInfo();
  const admin = info.clusters.find((c) => c.name !== cluster);
  if (!admin) throw new Error('e2e-info.json lists no other cluster');
  const url =
    method === 'POST'
      ? `${admin.url}/sandbox/faults`
      : `${admin.url}/sandbox/faults?cluster=${cluster}`;
  const body = method === 'POST' ? JSON.stringify({ cluster, fault }) : undefined;
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method,
        ca: sandboxCa(info.kubeconfigPath),
        headers: { authorization: `Bearer ${info.adminToken}`, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  if (status < 200 || status >= 300)
    throw new Error(`sandbox faults ${method} ${cluster}: HTTP ${status}`);
}

/** Sets a fault on one sandbox cluster. */
export const setSandboxFault = (cluster: string, fault: TSandboxFault) =>
  call('POST', cluster, fault);

/** Clears every fault of one sandbox cluster. */
export const clearSandboxFaults = (cluster: string) => call('DELETE', cluster);
