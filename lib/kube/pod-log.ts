// A pod's container log through the API server (pods/log), raw: the text so
// far, or (follow) each chunk as the kubelet sends it. Callers redact.
import { request, type RequestOptions } from 'node:https';
import type { TClusterClients } from './clients';
import { impersonationHeaders, type TKubeIdentity } from './impersonation';
import { KubeHttpError } from './list-watch';

export type TPodLogRequest = {
  namespace: string;
  pod: string;
  container: string;
  /** The container's run before its last restart. */
  previous?: boolean;
  tailLines?: number;
  follow?: boolean;
  /** Ends the request (a follower that left, or a timeout). */
  signal?: AbortSignal;
  /** Read as this person (an impersonating cluster), so the cluster's RBAC on pods/log decides. */
  as?: TKubeIdentity;
};

/** Log text up to 1 MiB, as `limitBytes` bounds it; cut at the last full line. */
export const LOG_LIMIT_BYTES = 1024 * 1024;

function logPath(r: TPodLogRequest): string {
  const q = new URLSearchParams({ container: r.container, limitBytes: String(LOG_LIMIT_BYTES) });
  if (r.previous) q.set('previous', 'true');
  if (r.follow) q.set('follow', 'true');
  if (r.tailLines !== undefined) q.set('tailLines', String(r.tailLines));
  const ns = encodeURIComponent(r.namespace);
  return `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(r.pod)}/log?${q}`;
}

/**
 * Calls `onChunk` with the log text as it arrives; resolves when the server
 * ends the answer (at once unless following) or `signal` aborts. A non-2xx
 * answer rejects with KubeHttpError carrying the API server's message
 * ("previous terminated container ... not found").
 */
export async function streamPodLog(
  clients: TClusterClients,
  r: TPodLogRequest,
  onChunk: (text: string) => void,
): Promise<void> {
  const url = new URL(clients.server + logPath(r));
  const options: RequestOptions = { method: 'GET', headers: { Accept: 'text/plain' } };
  await clients.kubeConfig.applyToHTTPSOptions(options);
  if (r.as) options.headers = { ...options.headers, ...impersonationHeaders(r.as) };
  return new Promise<void>((resolve, reject) => {
    const req = request(url, { ...options, signal: r.signal }, (res) => {
      const code = res.statusCode ?? 0;
      if (code < 200 || code >= 300) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let status: { reason?: string; message?: string } = {};
          try {
            status = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof status;
          } catch {
            // Not a Status document; the code alone says enough.
          }
          reject(new KubeHttpError(code, status.reason ?? '', status.message ?? `HTTP ${code}`));
        });
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (text: string) => onChunk(text));
      res.on('end', () => resolve());
      res.on('error', (e) => (r.signal?.aborted ? resolve() : reject(e)));
    });
    req.on('error', (e) => (r.signal?.aborted ? resolve() : reject(e)));
    req.end();
  });
}

/** The whole log text (not following). */
export async function readPodLog(
  clients: TClusterClients,
  r: Omit<TPodLogRequest, 'follow'>,
): Promise<string> {
  let text = '';
  await streamPodLog(clients, { ...r, follow: false }, (chunk) => (text += chunk));
  return text;
}
