// The notifications page's data and its "send test" against a real Postgres
// and the demo's real loopback receiver: the test message is queued with its
// audit record, sent by the dispatcher, and listed with its attempts, answer
// and next retry; the URL's path (where Slack keeps its secret) is never listed.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { ZWebhook } from '@/lib/config/schema';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { AppError } from '@/lib/errors';
import { waitFor } from '@/lib/testing';
import { startWebhookReceiver, type TWebhookReceiver } from '@/scripts/demo/webhook-receiver';
import { listDeliveries } from './deliveries';
import { startNotificationDispatcher, type TDispatcher } from './dispatch';
import { sendTestNotification, TEST_EVENT } from './test-send';

const TIMEOUT = { timeout: 120_000 };
const ADMIN = { id: 'user-admin-1', name: 'Ada Admin' };

let db: TTestDatabase;
let receiver: TWebhookReceiver;
let dispatcher: TDispatcher | undefined;
const closers: Array<() => Promise<void>> = [];

before(async () => {
  db = await createTestDatabase();
  receiver = await startWebhookReceiver();
});
after(async () => {
  await dispatcher?.stop();
  for (const c of closers) await c();
  await receiver.stop();
  await db.drop();
  await stopTestServer();
});

/** A receiver that always answers 503: the delivery stays pending with a next retry. */
async function failing() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.statusCode = 503;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/SECRET`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('notifications: deliveries and send test', () => {
  test(
    'a test message reaches the receiver, is audited, and is listed delivered with its answer; a failing one waits for its retry',
    TIMEOUT,
    async () => {
      const down = await failing();
      closers.push(down.close);
      const webhooks = [
        ZWebhook.parse({
          name: 'release-channel',
          url: `${receiver.url}/hooks/release-channel`,
          format: 'slack',
          events: ['operation.failed'],
        }),
        ZWebhook.parse({ name: 'pager', url: down.url, events: ['operation.failed'] }),
      ];
      dispatcher = startNotificationDispatcher({
        prisma: db.prisma,
        webhooks: () => webhooks,
        pollMs: 100,
        baseDelayMs: 60_000,
      });

      const sent = await sendTestNotification(db.prisma, webhooks, 'release-channel', ADMIN);
      const failed = await sendTestNotification(db.prisma, webhooks, 'pager', ADMIN);

      const message = await waitFor('the receiver got the test message', async () =>
        receiver.received.find((m) => m.event === TEST_EVENT),
      );
      assert.equal(message.path, '/hooks/release-channel');
      assert.match(
        JSON.stringify(message.body),
        /Test notification from Helmdeck, sent by Ada Admin/,
      );

      const rows = await waitFor('both attempted', async () => {
        const list = await listDeliveries(db.prisma);
        return list.every((d) => d.attempts > 0) ? list : undefined;
      });
      const ok = rows.find((d) => d.id === sent);
      const retrying = rows.find((d) => d.id === failed);
      assert.ok(ok && retrying);
      assert.deepEqual(
        [ok.event, ok.state, ok.attempts, ok.lastStatusCode, ok.nextAttemptAt],
        [TEST_EVENT, 'delivered', 1, 200, null],
      );
      assert.equal(ok.target, receiver.url);
      assert.deepEqual(
        [retrying.state, retrying.attempts, retrying.lastStatusCode, retrying.lastError],
        ['pending', 1, 503, 'HTTP 503'],
      );
      assert.ok(retrying.nextAttemptAt && retrying.nextAttemptAt.getTime() > Date.now());
      assert.equal(retrying.target, new URL(down.url).origin);
      assert.doesNotMatch(JSON.stringify(rows), /SECRET|B000/, 'a URL path never reaches the list');

      const audit = await db.prisma.auditRecord.findMany({
        where: { action: 'webhook.test' },
        orderBy: { seq: 'asc' },
      });
      assert.deepEqual(
        audit.map((r) => [r.actor, r.actorName, r.outcome]),
        [
          [ADMIN.id, ADMIN.name, 'succeeded'],
          [ADMIN.id, ADMIN.name, 'succeeded'],
        ],
      );
      assert.doesNotMatch(JSON.stringify(audit.map((r) => r.details)), /SECRET|B000/);
    },
  );

  test('an unknown webhook is refused by name, and nothing is queued', TIMEOUT, async () => {
    const webhooks = [ZWebhook.parse({ name: 'release-channel', url: receiver.url })];
    const before = await db.prisma.webhookDelivery.count();
    await assert.rejects(
      sendTestNotification(db.prisma, webhooks, 'nope', ADMIN),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'invalid' &&
        /webhook: no webhook named "nope"/.test(e.userMessage),
    );
    assert.equal(await db.prisma.webhookDelivery.count(), before);
  });
});
