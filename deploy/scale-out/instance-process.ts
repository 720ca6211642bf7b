// One Helmdeck instance in a process of its own, as a replica of the chart
// runs it: its own worker pool on the shared Postgres, and the real route
// handlers for queuing operations (POST /api/v1/operations) and streaming
// their progress (GET /api/operations/:id/stream) on a loopback port.
// node --conditions=react-server --import tsx instance-process.ts <databaseUrl> <helmdeck.yaml> <kubeconfig>
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { loadConfig } from '@/lib/config';
import { setDatabaseUrl } from '@/lib/db';
import { configureOperations, startWorker } from '@/lib/operations';
import { GET as streamRoute } from '../../app/api/operations/[id]/stream/route';
import { POST as queueRoute } from '../../app/api/v1/operations/route';

const [url, configPath, kubeconfig] = process.argv.slice(2);
if (!url || !configPath || !kubeconfig) {
  console.error('usage: instance-process <databaseUrl> <helmdeck.yaml> <kubeconfig>');
  process.exit(2);
}
await setDatabaseUrl(url);
configureOperations({ config: loadConfig(configPath), kubeconfig });
const worker = await startWorker({ concurrency: 2, reconcile: false });

async function toRequest(req: IncomingMessage, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  return new Request(`http://127.0.0.1${req.url ?? '/'}`, {
    method: req.method,
    headers,
    body: req.method === 'GET' ? undefined : Buffer.concat(chunks),
    signal,
  });
}

const server = createServer((req, res) => {
  const aborted = new AbortController();
  res.on('close', () => aborted.abort());
  void (async () => {
    const request = await toRequest(req, aborted.signal);
    const path = new URL(request.url).pathname;
    const streamId = /^\/api\/operations\/([^/]+)\/stream$/.exec(path)?.[1];
    const response =
      req.method === 'POST' && path === '/api/v1/operations'
        ? await queueRoute(request)
        : streamId && req.method === 'GET'
          ? await streamRoute(request, { params: Promise.resolve({ id: streamId }) })
          : Response.json({ error: 'not served here' }, { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) Readable.fromWeb(response.body as never).pipe(res);
    else res.end();
  })().catch((e: unknown) => {
    console.error(e);
    res.writeHead(500).end();
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`ready ${worker.id} ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close();
  void worker.stop().then(() => process.exit(0));
});
