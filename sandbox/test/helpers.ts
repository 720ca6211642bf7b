// Test helpers: a started sandbox and a raw HTTPS client that trusts its CA.
import { request } from 'node:https';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { startSandbox, type TSandbox } from '../index';

export interface TResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function tempDir(prefix = 'sandbox-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export async function startTestSandbox(clusters = ['dev'], stateDir?: string): Promise<TSandbox> {
  return startSandbox({ clusters, kubeconfigPath: path.join(tempDir(), 'kubeconfig'), stateDir });
}

export function caOf(kubeconfigPath: string): string {
  const config = parse(readFileSync(kubeconfigPath, 'utf8')) as {
    clusters: Array<{ cluster: Record<string, string> }>;
  };
  return Buffer.from(
    config.clusters[0]!.cluster['certificate-authority-data']!,
    'base64',
  ).toString();
}

export interface TRequestOptions {
  body?: unknown;
  contentType?: string;
  accept?: string;
  token?: string | null;
  ca?: string;
  /** Extra request headers (a list sends the header once per value, as Impersonate-Group is sent). */
  headers?: Record<string, string | string[]>;
}

/** One request against a sandbox cluster (token and CA from the sandbox unless overridden). */
export function call(
  sandbox: TSandbox,
  method: string,
  urlPath: string,
  opts: TRequestOptions = {},
  cluster = 0,
): Promise<TResponse> {
  const target = sandbox.clusters[cluster]!;
  const url = new URL(urlPath, target.url);
  const body =
    opts.body === undefined
      ? undefined
      : Buffer.isBuffer(opts.body)
        ? opts.body
        : Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
  const headers: Record<string, string | string[]> = {
    Accept: opts.accept ?? 'application/json',
    'User-Agent': 'sandbox-test/1.0',
    ...opts.headers,
  };
  const token = opts.token === undefined ? target.token : opts.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body) {
    headers['Content-Type'] = opts.contentType ?? 'application/json';
    headers['Content-Length'] = String(body.length);
  }
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers, ca: opts.ca ?? caOf(sandbox.kubeconfigPath) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** Opens a watch and collects its events until `until` says stop (or the stream ends). */
export function watch(
  sandbox: TSandbox,
  urlPath: string,
  until: (events: any[]) => boolean, // eslint-disable-line @typescript-eslint/no-explicit-any
  onOpen?: () => void,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; contentType: string | undefined; events: any[] }> {
  const target = sandbox.clusters[0]!;
  return new Promise((resolve, reject) => {
    const events: unknown[] = [];
    const req = request(
      new URL(urlPath, target.url),
      { headers: { Authorization: `Bearer ${target.token}` }, ca: caOf(sandbox.kubeconfigPath) },
      (res) => {
        let buffer = '';
        const finish = () => {
          req.destroy();
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            events,
          });
        };
        onOpen?.();
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          let nl;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            events.push(JSON.parse(buffer.slice(0, nl)));
            buffer = buffer.slice(nl + 1);
          }
          if (until(events)) finish();
        });
        res.on('end', finish);
      },
    );
    req.on('error', (e) => (e.message === 'socket hang up' ? undefined : reject(e)));
    req.end();
  });
}

/** Waits for a condition, polling (no fixed sleeps in assertions). */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Minimal protobuf writer, to send bodies the way client-go's typed clients do.
function varint(n: number | bigint): Buffer {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return Buffer.from(out);
}

export type TPbField = [num: number, value: string | number | boolean | Buffer | TPbField[]];

export function pbMessage(fields: TPbField[]): Buffer {
  return Buffer.concat(
    fields.map(([num, value]) => {
      if (typeof value === 'number' || typeof value === 'boolean')
        return Buffer.concat([
          varint(num << 3),
          varint(typeof value === 'boolean' ? (value ? 1 : 0) : value),
        ]);
      const bytes = Array.isArray(value)
        ? pbMessage(value)
        : Buffer.isBuffer(value)
          ? value
          : Buffer.from(value);
      return Buffer.concat([varint((num << 3) | 2), varint(bytes.length), bytes]);
    }),
  );
}

/** `k8s\0` + runtime.Unknown{typeMeta, raw}. */
export function pbEnvelope(apiVersion: string, kind: string, raw: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from('k8s\0', 'binary'),
    pbMessage([
      [
        1,
        [
          [1, apiVersion],
          [2, kind],
        ],
      ],
      [2, raw],
    ]),
  ]);
}
