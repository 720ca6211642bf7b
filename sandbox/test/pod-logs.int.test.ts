// Pod logs over HTTP as clients read them: the whole log, `previous=true`
// after a restart (400 before one) and `follow=true`, which keeps the answer
// open and sends each line when the container writes it.
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, test } from 'node:test';
import type { TSandbox } from '../index';
import { caOf, call, startTestSandbox, waitFor } from './helpers';

let sb: TSandbox;
const NS = '/api/v1/namespaces/default';

before(async () => {
  sb = await startTestSandbox();
  const r = await call(sb, 'POST', `${NS}/pods`, {
    body: {
      metadata: { name: 'api-0' },
      spec: { containers: [{ name: 'api', image: 'ghcr.io/acme/api:2.0.0-crashloop' }] },
    },
  });
  assert.equal(r.status, 201, r.text);
});
after(() => sb.stop());

/** Reads a followed log until `until` holds, then hangs up; resolves with what arrived. */
function follow(path: string, until: (text: string) => boolean): Promise<string> {
  const target = sb.clusters[0]!;
  return new Promise((resolve, reject) => {
    let text = '';
    const req = request(
      new URL(path, target.url),
      { headers: { Authorization: `Bearer ${target.token}` }, ca: caOf(sb.kubeconfigPath) },
      (res) => {
        assert.equal(res.statusCode, 200);
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (until(text)) {
            req.destroy();
            resolve(text);
          }
        });
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', (e) => (e.message === 'socket hang up' ? undefined : reject(e)));
    req.end();
  });
}

test('a followed log sends the crash when it is written; previous is refused before a restart', async () => {
  await waitFor(async () => {
    const pod = await call(sb, 'GET', `${NS}/pods/api-0`);
    return pod.json?.status?.startTime;
  }, 'the pod to start');
  const before = await call(sb, 'GET', `${NS}/pods/api-0/log?container=api&previous=true`);
  if (before.status === 400)
    assert.match(before.json.message, /previous terminated container "api" in pod "api-0"/);
  const text = await follow(`${NS}/pods/api-0/log?container=api&follow=true`, (t) =>
    /FATAL/.test(t),
  );
  assert.match(text, /starting api \(image ghcr.io\/acme\/api:2.0.0-crashloop/);
  assert.match(text, /FATAL exiting with status 1/);
});

test('after a restart the previous container log ends with its crash', async () => {
  await waitFor(async () => {
    const pod = await call(sb, 'GET', `${NS}/pods/api-0`);
    return (pod.json?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1;
  }, 'a restart');
  const previous = await call(sb, 'GET', `${NS}/pods/api-0/log?container=api&previous=true`);
  assert.equal(previous.status, 200, previous.text);
  assert.match(previous.text, /ERROR cannot connect to database/);
  assert.match(previous.text, /FATAL exiting with status 1 \(restart \d+\)/);
  const tail = await call(sb, 'GET', `${NS}/pods/api-0/log?container=api&tailLines=1`);
  assert.equal(tail.text.trim().split('\n').length, 1);
});
