// Webhook delivery against real HTTP receivers on 127.0.0.1 and a real Postgres.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { ZWebhook, type TWebhook } from '@/lib/config/schema';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { startNotificationDispatcher, type TAttempt, type TDispatcher } from './dispatch';
import { enqueueNotification } from './enqueue';
import type { TTicketSummary } from './payload';
import { waitFor } from '@/lib/testing';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './sign';

const TIMEOUT = { timeout: 120_000 };
const SECRET = 'receiver-shared-secret-0123456789';

type TReceived = { body: string; verified: boolean; headers: IncomingMessage['headers'] };

/** A receiver that checks the signature and answers with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = []) {
  const received: TReceived[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = verifySignature(
        SECRET,
        {
          signature: req.headers[SIGNATURE_HEADER] as string,
          timestamp: req.headers[TIMESTAMP_HEADER] as string,
        },
        body,
      ).ok;
      received.push({ body, verified, headers: req.headers });
      res.statusCode = verified ? (statuses.shift() ?? 200) : 401;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const ticket: TTicketSummary = {
  id: 7,
  release: 'alpha-members',
  environment: 'production',
  clusters: ['east'],
  chartVersion: '1.4.0',
  imageTag: '2.0.1',
  valuesDigest: null,
  contentHash: 'c'.repeat(64),
  externalRef: 'CHG-1234',
  risk: 'medium',
  state: 'pending',
  requester: 'Rita',
};

let db: TTestDatabase;
let dispatcher: TDispatcher | undefined;
const closers: Array<() => Promise<void>> = [];

before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await dispatcher?.stop();
  for (const c of closers) await c();
  await db.drop();
  await stopTestServer();
});

function hook(input: Partial<TWebhook> & { url: string }): TWebhook {
  return ZWebhook.parse({ secret: SECRET, ...input });
}

describe('webhook deliveries', () => {
  test(
    'a signed generic and a Slack payload reach their receivers and are recorded as delivered',
    TIMEOUT,
    async () => {
      const generic = await receiver();
      const slack = await receiver();
      closers.push(generic.close, slack.close);
      const webhooks = [
        hook({ name: 'ci', url: generic.url, events: ['ticket.requested'] }),
        hook({
          name: 'chat',
          url: slack.url,
          format: 'slack',
          events: ['ticket.requested', 'ticket.approved'],
        }),
        hook({ name: 'ops-only', url: generic.url, events: ['operation.failed'] }),
      ];
      dispatcher = startNotificationDispatcher({
        prisma: db.prisma,
        webhooks: () => webhooks,
        pollMs: 100,
        baseDelayMs: 100,
      });
      const ids = await db.prisma.$transaction((tx) =>
        enqueueNotification(tx, webhooks, 'ticket.requested', { ticket }, { ticketId: 7 }),
      );
      assert.equal(ids.length, 2, 'only subscribed webhooks get a delivery');
      const rows = await waitFor('both delivered', async () => {
        const r = await db.prisma.webhookDelivery.findMany({
          where: { id: { in: ids } },
          orderBy: { webhook: 'asc' },
        });
        return r.every((d) => d.state === 'delivered') ? r : undefined;
      });
      assert.deepEqual(
        rows.map((r) => [r.webhook, r.attempts, r.lastStatusCode]),
        [
          ['chat', 1, 200],
          ['ci', 1, 200],
        ],
      );
      assert.equal(generic.received.length, 1);
      assert.ok(generic.received[0]!.verified, 'signature verified by the receiver');
      assert.equal(JSON.parse(generic.received[0]!.body).event, 'ticket.requested');
      const slackBody = JSON.parse(slack.received[0]!.body);
      assert.ok(slack.received[0]!.verified);
      assert.match(slackBody.text, /ticket #7/);
      assert.ok(Array.isArray(slackBody.blocks));
      await dispatcher.stop();
      dispatcher = undefined;
    },
  );

  test(
    'a receiver failing twice gets the delivery on the third attempt, each attempt recorded',
    TIMEOUT,
    async () => {
      const flaky = await receiver([503, 500]);
      closers.push(flaky.close);
      const webhooks = [hook({ name: 'flaky', url: flaky.url, events: ['operation.failed'] })];
      dispatcher = startNotificationDispatcher({
        prisma: db.prisma,
        webhooks: () => webhooks,
        pollMs: 50,
        baseDelayMs: 100,
      });
      const operation = {
        id: 3,
        kind: 'upgrade',
        state: 'failed',
        release: 'alpha-members',
        environment: 'production',
        cluster: 'east',
        namespace: 'production',
        chartVersion: '1.4.0',
        imageTag: 'crashloop',
        revisionBefore: 4,
        revisionAfter: 5,
        ticketId: null,
      };
      const [id] = await db.prisma.$transaction((tx) =>
        enqueueNotification(tx, webhooks, 'operation.failed', { operation }, { operationId: 3 }),
      );
      const row = await waitFor('delivered after retries', async () => {
        const r = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: id! } });
        return r.state === 'delivered' ? r : undefined;
      });
      assert.equal(row.attempts, 3);
      const log = row.attemptLog as unknown as TAttempt[];
      assert.deepEqual(
        log.map((a) => a.statusCode),
        [503, 500, 200],
      );
      assert.ok(
        log.every((a, i) => i === 0 || Date.parse(a.at) > Date.parse(log[i - 1]!.at)),
        'attempts in order',
      );
      assert.equal(flaky.received.length, 3);
      assert.ok(flaky.received.every((r) => r.verified));
      await dispatcher.stop();
      dispatcher = undefined;
    },
  );

  test(
    'a receiver that never answers 2xx is given up after the bounded attempts',
    TIMEOUT,
    async () => {
      const down = await receiver([500, 500, 500, 500, 500]);
      closers.push(down.close);
      const webhooks = [hook({ name: 'down', url: down.url, events: ['ticket.rejected'] })];
      dispatcher = startNotificationDispatcher({
        prisma: db.prisma,
        webhooks: () => webhooks,
        pollMs: 50,
        baseDelayMs: 50,
        maxAttempts: 3,
      });
      const [id] = await db.prisma.$transaction((tx) =>
        enqueueNotification(tx, webhooks, 'ticket.rejected', { ticket }),
      );
      const row = await waitFor('failed', async () => {
        const r = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: id! } });
        return r.state === 'failed' ? r : undefined;
      });
      assert.equal(row.attempts, 3);
      assert.equal(row.lastError, 'HTTP 500');
      assert.equal(down.received.length, 3);
      await dispatcher.stop();
      dispatcher = undefined;
    },
  );

  test('a delivery enqueued in a transaction that rolls back is never sent', TIMEOUT, async () => {
    const webhooks = [
      hook({ name: 'ci', url: 'http://127.0.0.1:9/never', events: ['ticket.approved'] }),
    ];
    const before = await db.prisma.webhookDelivery.count();
    await assert.rejects(
      db.prisma.$transaction(async (tx) => {
        await enqueueNotification(tx, webhooks, 'ticket.approved', { ticket });
        throw new Error('approval failed');
      }),
      /approval failed/,
    );
    assert.equal(await db.prisma.webhookDelivery.count(), before);
  });
});
