import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { AppError } from '@/lib/errors';
import { fetchJson, isReleaseMissing } from './fetch-json';

// A loopback server answering as the REST API does: a status and { code, error, ...details }.
const ANSWERS: Record<string, [number, unknown]> = {
  '/missing': [
    404,
    { code: 'not_found', error: 'There is no release "web" in dev/a.', notFound: 'release' },
  ],
  '/no-env': [
    404,
    { code: 'not_found', error: 'There is no environment "x".', notFound: 'environment' },
  ],
  '/boom': [500, { code: 'error', error: 'Something went wrong (abc).' }],
  '/ok': [200, { name: 'web' }],
};
let server: Server;
let base = '';
before(async () => {
  server = createServer((req, res) => {
    const [status, body] = ANSWERS[req.url ?? ''] ?? [404, {}];
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const failureOf = (url: string) =>
  fetchJson(base + url).then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );

test('a release the API does not know is told apart by its code, not its text', async () => {
  const missing = await failureOf('/missing');
  assert.ok(missing instanceof AppError);
  assert.equal(missing.code, 'not_found');
  assert.equal(isReleaseMissing(missing), true);
  assert.equal(isReleaseMissing(await failureOf('/no-env')), false);
  assert.equal(isReleaseMissing(new Error('There is no release "web"')), false);
});

test('an unexpected failure keeps its message; a success its body', async () => {
  const boom = await failureOf('/boom');
  assert.equal(boom instanceof AppError, false);
  assert.match((boom as Error).message, /Something went wrong/);
  assert.deepEqual(await fetchJson(base + '/ok'), { name: 'web' });
});
