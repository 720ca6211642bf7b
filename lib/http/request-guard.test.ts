// The guard in front of Next, on a real node HTTP server and socket: what a
// handler behind it sees of forwarded headers, and what it refuses itself.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { guardRequest, type TGuardOptions } from './request-guard';
import { parseTrustedProxies } from './trusted-proxies';

const ORIGIN = 'https://helmdeck.example';
let options: TGuardOptions = { proxies: parseTrustedProxies(''), origins: [ORIGIN] };
let server: http.Server;
let base = '';

before(async () => {
  server = http.createServer((req, res) => {
    if (guardRequest(req, res, options)) return;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.headers));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function seen(headers: Record<string, string>): Promise<Record<string, string>> {
  const res = await fetch(`${base}/`, { headers });
  return (await res.json()) as Record<string, string>;
}

const SPOOFED = {
  'x-forwarded-for': '1.2.3.4',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  'x-real-ip': '1.2.3.4',
  forwarded: 'for=1.2.3.4;host=evil.example',
};

describe('the request guard', () => {
  test('from a peer that is no trusted proxy, forwarded headers are dropped and the peer is the client', async () => {
    options = { proxies: parseTrustedProxies(''), origins: [ORIGIN] };
    const headers = await seen(SPOOFED);
    assert.equal(headers['x-forwarded-for'], '127.0.0.1');
    for (const name of ['x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'forwarded'])
      assert.equal(headers[name], undefined, name);
  });

  test('from a trusted proxy, its host and protocol stand and the client is the hop it names', async () => {
    options = { proxies: parseTrustedProxies('127.0.0.1'), origins: [ORIGIN] };
    const headers = await seen({ ...SPOOFED, 'x-forwarded-for': '9.9.9.9, 198.51.100.7' });
    assert.equal(headers['x-forwarded-for'], '198.51.100.7');
    assert.equal(headers['x-forwarded-host'], 'evil.example');
    assert.equal(headers['x-forwarded-proto'], 'https');
  });

  test('a malformed address answers 400 naming the problem, JSON under /api', async () => {
    const api = await fetch(`${base}/api/v1/operations/%ZZ`);
    assert.equal(api.status, 400);
    assert.deepEqual(await api.json(), {
      code: 'invalid',
      error:
        'Bad request: The request path has a malformed percent-escape or bytes that are not UTF-8.',
    });
    const page = await fetch(`${base}/releases?environment=%00`);
    assert.equal(page.status, 400);
    assert.equal(await page.text(), 'Bad request: Parameter "environment" contains a NUL byte.\n');
  });

  test('a server action from a foreign Origin answers 403, with X-Forwarded-Host set to match or not', async () => {
    options = { proxies: parseTrustedProxies(''), origins: [ORIGIN] };
    const post = (origin: string) =>
      fetch(`${base}/sign-in`, {
        method: 'POST',
        headers: { 'next-action': 'abc', origin, 'x-forwarded-host': new URL(origin).host },
        body: 'x',
      });
    const foreign = await post('https://evil.example');
    assert.equal(foreign.status, 403);
    assert.match(await foreign.text(), /Cross-site request refused/);
    assert.equal((await post(ORIGIN)).status, 200);
  });
});
