// A GET through the Kubernetes API server's services proxy
// (/api/v1/namespaces/NS/services/NAME[:PORT]/proxy/PATH), with the
// cluster's own credentials: how Helmdeck reaches a health endpoint without
// a route into the cluster network.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export type TProxyAnswer = { status: number; body: string };

const MAX_BODY = 256 * 1024;

export async function serviceProxyGet(
  kubeConfig: KubeConfig,
  a: {
    namespace: string;
    service: string;
    port?: string | number;
    path: string;
    timeoutMs?: number;
  },
): Promise<TProxyAnswer> {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) throw new Error('the kubeconfig context has no server');
  const target = a.port === undefined ? a.service : `${a.service}:${a.port}`;
  const url = new URL(
    `${server.replace(/\/+$/, '')}/api/v1/namespaces/${encodeURIComponent(a.namespace)}/services/${encodeURIComponent(target)}/proxy${a.path}`,
  );
  const options: RequestOptions = { method: 'GET', headers: { Accept: 'application/json, */*' } };
  await kubeConfig.applyToHTTPSOptions(options);
  const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise<TProxyAnswer>((resolve, reject) => {
    const req = request(
      url,
      { ...options, signal: AbortSignal.timeout(a.timeoutMs ?? 10_000) },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_BODY) chunks.push(c);
        });
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}
