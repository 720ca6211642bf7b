// The demo's webhook receiver: a small HTTP server on loopback that keeps
// what Helmdeck's webhooks send it, so the demo's notifications never leave
// the machine and can still be looked at: GET / lists them newest first,
// GET /messages gives them as JSON. The demo's copy of helmdeck.yaml points
// every webhook at it (one path per webhook).
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseDocument } from 'yaml';
import { EVENT_HEADER } from '@/lib/notifications/sign';
import { absoluteChartRefs } from './config-copy';

export interface TReceivedMessage {
  at: string;
  path: string;
  event: string | null;
  body: unknown;
}

export interface TWebhookReceiver {
  url: string;
  received: TReceivedMessage[];
  stop(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const KEEP = 200;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(received: TReceivedMessage[]): string {
  const items = received
    .map(
      (m) =>
        `<li><p><strong>${escapeHtml(m.event ?? 'no event header')}</strong> · ${escapeHtml(m.path)} · <time>${escapeHtml(m.at)}</time></p><pre>${escapeHtml(JSON.stringify(m.body, null, 2))}</pre></li>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo webhook receiver</title></head><body><h1>Messages received from Helmdeck (${received.length})</h1><ol reversed>${items}</ol></body></html>`;
}

function eventOf(headers: IncomingHttpHeaders): string | null {
  const value = headers[EVENT_HEADER];
  return typeof value === 'string' ? value : null;
}

export async function startWebhookReceiver(port = 0): Promise<TWebhookReceiver> {
  const received: TReceivedMessage[] = [];
  const server = createServer((req, res) => {
    if (req.method === 'GET') {
      const newestFirst = [...received].reverse();
      if (req.url === '/messages') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(newestFirst));
      } else {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(page(newestFirst));
      }
      return;
    }
    if (req.method !== 'POST') {
      res.statusCode = 405;
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY) {
        res.statusCode = 413;
        res.end();
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      received.push({
        at: new Date().toISOString(),
        path: req.url ?? '/',
        event: eventOf(req.headers),
        body,
      });
      if (received.length > KEEP) received.shift();
      res.statusCode = 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * A copy of the configuration at `configPath` whose webhooks all post to the
 * receiver; returns its path, or null when the configuration has no webhooks.
 */
export function pointWebhooksAt(
  configPath: string,
  outPath: string,
  receiverUrl: string,
): string | null {
  const doc = parseDocument(readFileSync(configPath, 'utf8'));
  const hooks = doc.getIn(['webhooks']) as { items?: unknown[] } | undefined;
  if (!hooks?.items?.length) return null;
  hooks.items.forEach((_, i) => {
    const name = doc.getIn(['webhooks', i, 'name']);
    const slug = typeof name === 'string' ? encodeURIComponent(name) : `webhook-${i + 1}`;
    doc.setIn(['webhooks', i, 'url'], `${receiverUrl}/hooks/${slug}`);
  });
  absoluteChartRefs(doc, configPath);
  writeFileSync(outPath, doc.toString(), { mode: 0o600 });
  return outPath;
}
