// An HTTP proxy in front of the identity provider, for the tests that make
// the real provider's answers wrong on the way: the provider is started with
// the proxy's URL as its issuer, so browsers and Helmdeck only ever reach it
// through here. Each hook may rewrite one request or response; unset hooks
// pass everything through unchanged.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TProxiedRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Buffer;
}

export interface TTamperingProxy {
  url: string;
  /** Where requests go: the provider's own listening URL (set once it has started). */
  target: string;
  onRequest?: (req: TProxiedRequest) => TProxiedRequest;
  onResponse?: (req: TProxiedRequest, status: number, body: Buffer) => Buffer;
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

function send(
  target: URL,
  request: TProxiedRequest,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { ...request.headers, 'content-length': String(request.body.length) };
    const req = http.request(target, { method: request.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 502,
          headers: res.headers,
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

export async function startTamperingProxy(): Promise<TTamperingProxy> {
  const server = http.createServer((req, res) => {
    void forward(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: ${String(e)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const proxy: TTamperingProxy = {
    url,
    target: '',
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  async function forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    let request: TProxiedRequest = {
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', url),
      headers,
      body: Buffer.concat(chunks),
    };
    if (proxy.onRequest) request = proxy.onRequest(request);
    // The Host header stays the proxy's: the provider builds its URLs from it.
    const upstream = await send(
      new URL(request.url.pathname + request.url.search, proxy.target),
      request,
    );
    let body = upstream.body;
    if (proxy.onResponse) body = proxy.onResponse(request, upstream.status, body);
    const out: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(upstream.headers)) {
      if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
    }
    out['content-length'] = body.length;
    res.writeHead(upstream.status, out);
    res.end(body);
  }
  return proxy;
}
