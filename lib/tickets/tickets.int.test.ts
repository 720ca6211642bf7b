// Change tickets against a real Postgres: every approval rule, the gate in
// the job's transaction, break-glass, and the audit trail they leave.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ForbiddenError } from '@/lib/auth/errors';
import { ZEnvironment, ZWebhook } from '@/lib/config/schema';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { approveTicket } from './approve-ticket';
import { approverInbox } from './approver-inbox';
import { breakGlass, pendingBreakGlassReviews, reviewBreakGlass } from './break-glass';
import { cancelTicket } from './cancel-ticket';
import { createTicket } from './create-ticket';
import { expireTickets } from './expire-tickets';
import { checkGateInTransaction, GateDeniedError } from './gate-transaction';
import { getTicket } from './get-ticket';
import { listTickets } from './list-tickets';
import { rejectTicket } from './reject-ticket';
import { submitTicket } from './submit-ticket';
import type { TTicketInput } from './ticket-content';
import { TicketError, type TTicketActor, type TTicketConfig } from './ticket-context';
import { updateTicket } from './update-ticket';

const TIMEOUT = { timeout: 120_000 };
const T0 = new Date('2026-03-04T12:00:00Z'); // Wednesday
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);

const config: TTicketConfig = {
  environments: [
    ZEnvironment.parse({
      name: 'production',
      namespace: 'production',
      clusters: [
        { name: 'east', context: 'east' },
        { name: 'west', context: 'west' },
      ],
      requireTicket: true,
      approvals: 2,
      freezeWindows: [
        {
          name: 'weekend',
          days: ['fri', 'sat', 'sun'],
          start: '18:00',
          end: '06:00',
          timeZone: 'Europe/Berlin',
        },
      ],
    }),
  ],
  webhooks: [ZWebhook.parse({ name: 'chat', url: 'http://127.0.0.1:9/hook', format: 'slack' })],
  releases: [{ name: 'alpha-members', promotion: ['development', 'staging', 'production'] }],
};
const production = config.environments[0]!;

const grant = (
  role: 'release_manager' | 'approver' | 'admin',
  environment: string | null = null,
) => ({ role, environment });
const rita: TTicketActor = {
  id: 'rita',
  name: 'Rita Release',
  grants: [grant('release_manager', 'production'), grant('approver')],
};
const anna: TTicketActor = { id: 'anna', name: 'Anna Approver', grants: [grant('approver')] };
const bert: TTicketActor = { id: 'bert', name: 'Bert Approver', grants: [grant('approver')] };
const carl: TTicketActor = { id: 'carl', name: 'Carl Approver', grants: [grant('approver')] };
const vera: TTicketActor = { id: 'vera', name: 'Vera Viewer', grants: [] };
const adam: TTicketActor = { id: 'adam', name: 'Adam Admin', grants: [grant('admin')] };

function input(extra: Partial<TTicketInput> = {}): TTicketInput {
  return {
    release: 'alpha-members',
    environment: 'production',
    clusters: ['east', 'west'],
    chartVersion: '1.4.0',
    imageTag: '2.0.1',
    values: 'replicaCount: 3\ndb:\n  password: hunter2\n',
    rollbackPlan: { targetRevision: 4, steps: ['helm rollback alpha-members 4 on each cluster'] },
    // Wednesday 13:00-20:00 Berlin
    maintenanceWindow: {
      start: '2026-03-04T13:00',
      end: '2026-03-04T20:00',
      timeZone: 'Europe/Berlin',
    },
    stakeholders: ['members-team@example.com'],
    externalRef: 'CHG-1234',
    risk: 'medium',
    ...extra,
  };
}

let db: TTestDatabase;
let opts: { config: TTicketConfig; prisma: TTestDatabase['prisma']; now: Date };
const at = (now: Date) => ({ ...opts, now });

before(async () => {
  db = await createTestDatabase();
  opts = { config, prisma: db.prisma, now: T0 };
  for (const u of [rita, anna, bert, carl, vera, adam]) {
    await db.prisma.user.create({
      data: { id: u.id, name: u.name!, email: `${u.id}@example.com` },
    });
  }
});
after(async () => {
  await db.drop();
  await stopTestServer();
});

async function submitted(extra: Partial<TTicketInput> = {}) {
  const t = await createTicket(rita, input(extra), opts);
  return submitTicket(rita, t.id, opts);
}

async function auditActions(ticketId: number) {
  const rows = await db.prisma.auditRecord.findMany({
    where: { ticketId },
    orderBy: { seq: 'asc' },
  });
  return rows.map((r) => `${r.action}:${r.outcome}`);
}

const operationFor = (cluster = 'east') => ({
  release: 'alpha-members',
  environment: 'production',
  cluster,
  chartVersion: '1.4.0',
  imageTag: '2.0.1',
  values: { db: { password: 'hunter2' }, replicaCount: 3 },
});

function gateAt(
  actor: TTicketActor,
  ticketId: number | null,
  now: Date,
  extra: { breakGlassReason?: string } = {},
) {
  return db.prisma.$transaction((tx) =>
    checkGateInTransaction(tx, {
      actor,
      environment: production,
      ticketId,
      operation: operationFor(),
      now,
      ...extra,
    }),
  );
}

describe('change tickets and approvals', () => {
  test(
    'a release manager opens and submits a production ticket; only release managers may',
    TIMEOUT,
    async () => {
      const t = await submitted();
      assert.equal(t.state, 'pending');
      assert.match(t.contentHash, /^[0-9a-f]{64}$/);
      await assert.rejects(createTicket(vera, input(), opts), ForbiddenError);
      await assert.rejects(
        createTicket(rita, input({ clusters: ['mars'] }), opts),
        (e: TicketError) => {
          assert.match(e.problems[0] ?? '', /clusters\.0: mars is not a cluster of production/);
          return true;
        },
      );
      const deliveries = await db.prisma.webhookDelivery.findMany({ where: { ticketId: t.id } });
      assert.deepEqual(
        deliveries.map((d) => d.event),
        ['ticket.requested'],
      );
      assert.doesNotMatch(
        JSON.stringify(deliveries[0]!.payload),
        /hunter2/,
        'values never reach a webhook',
      );
    },
  );

  test(
    'the requester cannot approve their own ticket, and the refusal is audited',
    TIMEOUT,
    async () => {
      const t = await submitted();
      await assert.rejects(
        approveTicket(rita, t.id, 'looks fine to me', opts),
        /cannot decide on a change ticket you requested/,
      );
      assert.equal((await getTicket(t.id, opts)).timeline.length, 0);
      assert.deepEqual((await auditActions(t.id)).slice(-1), ['ticket.approve:denied']);
    },
  );

  test(
    'production needs two distinct approvers: one is not enough, the same one twice neither',
    TIMEOUT,
    async () => {
      const t = await submitted();
      const one = await approveTicket(anna, t.id, 'LGTM', opts);
      assert.equal(one.state, 'pending');
      const blocked = await gateAt(rita, t.id, hours(1));
      assert.equal(blocked.allowed, false);
      assert.deepEqual(
        blocked.checklist.filter((c) => !c.ok).map((c) => c.check),
        ['approved', 'approvals-count'],
      );
      await assert.rejects(approveTicket(anna, t.id, 'again', opts), /already approved/);
      await assert.rejects(approveTicket(vera, t.id, 'me too', opts), ForbiddenError);
      const two = await approveTicket(bert, t.id, 'ok for tonight', opts);
      assert.equal(two.state, 'approved');
      const open = await gateAt(rita, t.id, hours(1));
      assert.equal(open.allowed, true, JSON.stringify(open.checklist));
      const detail = await getTicket(t.id, at(hours(1)));
      assert.deepEqual(
        detail.timeline.map((e) => [e.approverName, e.standing]),
        [
          ['Anna Approver', 'counts'],
          ['Bert Approver', 'counts'],
        ],
      );
      assert.equal(detail.gate?.allowed, true);
    },
  );

  test(
    'editing the values after approval voids every approval; they stay recorded',
    TIMEOUT,
    async () => {
      const t = await submitted();
      await approveTicket(anna, t.id, 'LGTM', opts);
      await approveTicket(bert, t.id, 'LGTM', opts);
      const edited = await updateTicket(
        rita,
        t.id,
        input({ values: 'replicaCount: 5\ndb:\n  password: hunter2\n' }),
        opts,
      );
      assert.equal(edited.state, 'pending');
      assert.notEqual(edited.contentHash, t.contentHash);
      const detail = await getTicket(t.id, at(hours(1)));
      assert.deepEqual(
        detail.timeline.map((e) => e.standing),
        ['voided', 'voided'],
      );
      assert.equal(detail.status.approvedBy.length, 0);
      const gate = await db.prisma.$transaction((tx) =>
        checkGateInTransaction(tx, {
          actor: rita,
          environment: production,
          ticketId: t.id,
          operation: {
            ...operationFor(),
            values: { replicaCount: 5, db: { password: 'hunter2' } },
          },
          now: hours(1),
        }),
      );
      assert.equal(gate.allowed, false);
      // A wording-only edit keeps approvals.
      await approveTicket(anna, t.id, 'fine', opts);
      await approveTicket(bert, t.id, 'fine', opts);
      const reworded = await updateTicket(
        rita,
        t.id,
        input({ values: 'replicaCount: 5\ndb:\n  password: hunter2\n', title: 'Scale to 5' }),
        opts,
      );
      assert.equal(reworded.state, 'approved');
      const actions = await auditActions(t.id);
      assert.ok(actions.includes('ticket.approvals-voided:succeeded'));
      const voided = await db.prisma.auditRecord.findFirstOrThrow({
        where: { ticketId: t.id, action: 'ticket.approvals-voided' },
      });
      assert.equal((voided.details as { voided: number }).voided, 2);
    },
  );

  test('only the requester edits; approvers cannot change what they approve', TIMEOUT, async () => {
    const t = await submitted();
    await assert.rejects(
      updateTicket(anna, t.id, input({ imageTag: '9.9.9' }), opts),
      /Only the requester/,
    );
  });

  test('one rejection blocks, whatever the approvals', TIMEOUT, async () => {
    const t = await submitted();
    await approveTicket(anna, t.id, 'LGTM', opts);
    await approveTicket(bert, t.id, 'LGTM', opts);
    await assert.rejects(rejectTicket(carl, t.id, '  ', opts), /Say why/);
    const rejected = await rejectTicket(carl, t.id, 'collides with the payment migration', opts);
    assert.equal(rejected.state, 'rejected');
    await assert.rejects(approveTicket(adam, t.id, 'override', opts), ForbiddenError);
    await assert.rejects(rejectTicket(anna, t.id, 'me too', opts), /not open for decisions/);
    const gate = await gateAt(rita, t.id, hours(1));
    assert.equal(gate.allowed, false);
    assert.match(gate.checklist.find((c) => c.check === 'approved')!.detail, /rejected/);
    const events = (
      await db.prisma.webhookDelivery.findMany({
        where: { ticketId: t.id },
        orderBy: { createdAt: 'asc' },
      })
    ).map((d) => d.event);
    assert.deepEqual(events, ['ticket.requested', 'ticket.approved', 'ticket.rejected']);
  });

  test(
    'approvals older than the TTL no longer count; the ticket shows and becomes expired',
    TIMEOUT,
    async () => {
      const t = await submitted();
      await approveTicket(anna, t.id, 'LGTM', opts);
      await approveTicket(bert, t.id, 'LGTM', at(hours(2)));
      assert.equal((await getTicket(t.id, at(hours(71)))).state, 'approved');
      const later = await getTicket(t.id, at(hours(73)));
      assert.equal(later.state, 'expired', 'shown expired before any sweep');
      assert.deepEqual(
        later.timeline.map((e) => e.standing),
        ['expired', 'counts'],
      );
      assert.ok(
        (await listTickets({ state: 'expired' }, at(hours(73)))).some((v) => v.ticket.id === t.id),
      );
      const gate = await gateAt(rita, t.id, hours(73));
      assert.deepEqual(
        gate.checklist.filter((c) => !c.ok).map((c) => c.check),
        ['approved', 'approvals-count', 'not-expired', 'in-maintenance-window'],
      );
      assert.ok((await expireTickets(at(hours(73)))).includes(t.id));
      assert.equal(
        (await db.prisma.changeTicket.findUniqueOrThrow({ where: { id: t.id } })).state,
        'expired',
      );
      assert.ok(!(await expireTickets(at(hours(74)))).includes(t.id), 'the sweep writes once');
      assert.ok(
        (await db.prisma.webhookDelivery.findMany({ where: { ticketId: t.id } })).some(
          (d) => d.event === 'ticket.expired',
        ),
      );
      // Anna approves again: two current approvals make it approved once more.
      const renewed = await approveTicket(anna, t.id, 'still fine', at(hours(73)));
      assert.equal(renewed.state, 'approved');
    },
  );

  test('the gate refuses in a freeze window and says when it opens', TIMEOUT, async () => {
    // Friday 6 March 2026 20:00-23:00 Berlin, inside the weekend freeze.
    const t = await submitted({
      maintenanceWindow: {
        start: '2026-03-06T20:00',
        end: '2026-03-07T08:00',
        timeZone: 'Europe/Berlin',
      },
    });
    await approveTicket(anna, t.id, 'LGTM', opts);
    await approveTicket(bert, t.id, 'LGTM', opts);
    const friday = new Date('2026-03-06T20:00:00Z'); // 21:00 Berlin
    const gate = await gateAt(rita, t.id, friday);
    assert.equal(gate.allowed, false);
    assert.deepEqual(
      gate.checklist.filter((c) => !c.ok).map((c) => c.check),
      ['no-freeze'],
    );
    assert.equal(gate.opensAt?.toISOString(), '2026-03-07T05:00:00.000Z', 'Saturday 06:00 Berlin');
    assert.match(
      new GateDeniedError(gate).userMessage,
      /frozen \(weekend\) until Sat 2026-03-07 06:00 Europe\/Berlin/,
    );
    const record = await db.prisma.auditRecord.findFirstOrThrow({
      where: { ticketId: t.id, action: 'gate.check' },
      orderBy: { seq: 'desc' },
    });
    assert.equal(record.outcome, 'denied');
    assert.equal((record.details as { opensAt: string }).opensAt, '2026-03-07T05:00:00.000Z');
  });

  test(
    'an approver sees in the inbox what waits for them, not their own or decided ones',
    TIMEOUT,
    async () => {
      const t = await submitted();
      const inboxIds = async (u: TTicketActor) =>
        (await approverInbox(u, opts)).map((v) => v.ticket.id);
      assert.ok((await inboxIds(anna)).includes(t.id));
      assert.ok(!(await inboxIds(rita)).includes(t.id), 'not their own');
      assert.ok(!(await inboxIds(vera)).includes(t.id), 'not without the approver role');
      await approveTicket(anna, t.id, 'LGTM', opts);
      assert.ok(!(await inboxIds(anna)).includes(t.id));
      assert.ok((await inboxIds(bert)).includes(t.id));
      await cancelTicket(rita, t.id, 'postponed', opts);
      assert.ok(!(await inboxIds(bert)).includes(t.id));
    },
  );

  test('every ticket event is in the audit, in order', TIMEOUT, async () => {
    const t = await createTicket(rita, input(), opts);
    await submitTicket(rita, t.id, opts);
    await approveTicket(rita, t.id, 'self', opts).catch(() => undefined);
    await approveTicket(anna, t.id, 'LGTM', opts);
    await updateTicket(rita, t.id, input({ imageTag: '2.0.2' }), opts);
    await approveTicket(anna, t.id, 'LGTM', opts);
    await approveTicket(bert, t.id, 'LGTM', opts);
    await gateAt(rita, t.id, hours(1));
    await cancelTicket(rita, t.id, 'done differently', opts);
    assert.deepEqual(await auditActions(t.id), [
      'ticket.created:succeeded',
      'ticket.submitted:succeeded',
      'ticket.approve:denied',
      'ticket.approved:succeeded',
      'ticket.updated:succeeded',
      'ticket.approvals-voided:succeeded',
      'ticket.approved:succeeded',
      'ticket.approved:succeeded',
      'gate.check:denied', // image tag 2.0.2 is not what the operation deploys
      'ticket.cancelled:succeeded',
    ]);
    const all = await db.prisma.auditRecord.findMany({ where: { ticketId: t.id } });
    assert.doesNotMatch(
      JSON.stringify(all.map((r) => [r.details, r.error])),
      /hunter2/,
      'no values in the audit',
    );
  });
});

describe('break-glass', () => {
  test(
    'admin only, with a reason; audited as break-glass and flagged for review',
    TIMEOUT,
    async () => {
      assert.equal(breakGlass(rita, 'production is down, hotfix now').allowed, false);
      assert.equal(breakGlass(adam, 'now').allowed, false);
      const refused = await gateAt(rita, null, T0, {
        breakGlassReason: 'production is down, hotfix now',
      });
      assert.equal(refused.allowed, false);
      const glass = await gateAt(adam, null, T0, {
        breakGlassReason: 'production is down, hotfix now',
      });
      assert.equal(glass.allowed, true);
      assert.equal(glass.breakGlass, true);
      const record = await db.prisma.auditRecord.findFirstOrThrow({
        where: { action: 'gate.break-glass' },
      });
      assert.equal(record.actor, 'adam');
      assert.equal((record.details as { reviewPending: boolean }).reviewPending, true);
      const op = await db.prisma.operation.create({
        data: {
          kind: 'upgrade',
          state: 'succeeded',
          environment: 'production',
          cluster: 'east',
          namespace: 'production',
          release: 'alpha-members',
          requestedById: 'adam',
          breakGlassReason: 'production is down, hotfix now',
        },
      });
      assert.deepEqual(
        (await pendingBreakGlassReviews(opts)).map((r) => r.operationId),
        [op.id],
      );
      await assert.rejects(reviewBreakGlass(vera, op.id, 'ok', opts), ForbiddenError);
      await reviewBreakGlass(anna, op.id, 'justified: outage INC-77', opts);
      assert.deepEqual(await pendingBreakGlassReviews(opts), []);
      await assert.rejects(reviewBreakGlass(bert, op.id, 'again', opts), /already reviewed/);
    },
  );
});
