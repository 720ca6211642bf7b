// The ticket server actions' logic called directly, without the UI, against
// real Postgres, sandbox clusters and real helm: every rule of the gate.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deployTicketCommand, requestOperation } from '@/lib/operations';
import { GateDeniedError } from '@/lib/tickets';
import { ticketCommands as cmd } from './ticket-commands';
import {
  FREEZE_END,
  startTicketFixture,
  ticketInput,
  USERS,
  waitForFinal,
  type TTicketFixture,
} from './testing/fixture';

const T = { timeout: 300_000 };
const { rita, anna, bert, adam, vera } = USERS;
const east = { environment: 'production', cluster: 'east', release: 'alpha-members' };
let f: TTicketFixture;

before(async () => {
  f = await startTicketFixture();
});
after(async () => {
  await f?.stop();
});

async function approvedTicket(extra: Record<string, unknown> = {}) {
  const t = await cmd.create(rita, ticketInput(extra));
  await cmd.submit(rita, t.id);
  await cmd.approve(anna, { id: t.id, comment: 'ok' });
  await cmd.approve(bert, { id: t.id, comment: 'ok' });
  return t;
}

describe('ticket actions', () => {
  test(
    'a production install needs two approvers other than the requester, then deploys',
    T,
    async () => {
      const t = await cmd.create(rita, ticketInput());
      assert.equal(t.state, 'draft');
      await cmd.submit(rita, t.id);
      await assert.rejects(cmd.approve(rita, { id: t.id, comment: 'mine' }), {
        name: 'ForbiddenError',
        message: /requested/,
      });
      await assert.rejects(cmd.approve(vera, { id: t.id, comment: '' }), {
        name: 'ForbiddenError',
      });
      await cmd.approve(anna, { id: t.id, comment: 'looks right' });
      assert.equal((await cmd.get(rita, t.id)).state, 'pending');
      await assert.rejects(deployTicketCommand(rita, { id: t.id }), (e: unknown) => {
        assert.ok(e instanceof GateDeniedError);
        assert.match(e.userMessage, /1 of 2 required approvals/);
        return true;
      });
      await cmd.approve(bert, { id: t.id, comment: 'go' });
      const [op] = await deployTicketCommand(rita, { id: t.id });
      assert.ok(op);
      assert.equal(op.kind, 'install');
      assert.equal(op.ticketId, t.id);
      const done = await waitForFinal(f.db, op.id);
      assert.equal(done.state, 'succeeded', done.error ?? '');
      assert.equal((await cmd.get(rita, t.id)).state, 'deployed');
      const chain = await f.db.prisma.auditRecord.findMany({
        where: { OR: [{ ticketId: t.id }, { operationId: op.id }] },
        orderBy: { seq: 'asc' },
      });
      const steps = chain.map((r) => `${r.action}:${r.outcome}`);
      for (const step of [
        'ticket.created:succeeded',
        'ticket.submitted:succeeded',
        'ticket.approve:denied',
        'ticket.approved:succeeded',
        'gate.check:denied',
        'gate.check:succeeded',
        'install:intent',
        'ticket.scheduled:succeeded',
        'install:succeeded',
        'ticket.deployed:succeeded',
      ])
        assert.ok(steps.includes(step), `${step} missing from ${steps.join(', ')}`);
      assert.ok(steps.indexOf('gate.check:succeeded') < steps.indexOf('install:intent'));
      const hooks = await f.db.prisma.webhookDelivery.findMany({
        where: { OR: [{ operationId: op.id }, { ticketId: t.id }] },
        orderBy: { createdAt: 'asc' },
      });
      assert.deepEqual(
        hooks.map((h) => h.event),
        ['ticket.approved', 'operation.started', 'operation.succeeded'],
      );
    },
  );

  test('a production upgrade without a ticket is refused and nothing is queued', T, async () => {
    const before = await f.db.prisma.operation.count();
    await assert.rejects(
      requestOperation({ actor: rita, kind: 'upgrade', ...east, params: { imageTag: '1.3.0' } }),
      (e: unknown) =>
        e instanceof GateDeniedError && /requires an approved change ticket/.test(e.userMessage),
    );
    assert.equal(await f.db.prisma.operation.count(), before);
    const denial = await f.db.prisma.auditRecord.findFirst({
      where: { action: 'gate.check', outcome: 'denied', ticketId: null },
      orderBy: { seq: 'desc' },
    });
    assert.match(denial?.error ?? '', /requires an approved change ticket/);
  });

  test('an unapproved ticket cannot be deployed', T, async () => {
    const t = await cmd.create(rita, ticketInput({ imageTag: '1.3.0' }));
    await cmd.submit(rita, t.id);
    await assert.rejects(deployTicketCommand(rita, { id: t.id }), /is pending/);
  });

  test('an operation that differs from the approved content is refused', T, async () => {
    const t = await approvedTicket({ imageTag: '1.3.0' });
    await assert.rejects(
      requestOperation({
        actor: rita,
        kind: 'upgrade',
        ...east,
        params: { imageTag: '1.3.1', values: 'replicaCount: 2\n' },
        ticketId: t.id,
      }),
      /image tag 1.3.1 is not the approved 1.3.0/,
    );
    await assert.rejects(
      requestOperation({
        actor: rita,
        kind: 'upgrade',
        ...east,
        params: { imageTag: '1.3.0', values: 'replicaCount: 5\n' },
        ticketId: t.id,
      }),
      /the values differ from the approved values/,
    );
  });

  test(
    'editing the values after approval voids both approvals and blocks the deploy',
    T,
    async () => {
      const t = await approvedTicket({ imageTag: '1.3.0' });
      assert.equal((await cmd.get(rita, t.id)).state, 'approved');
      await cmd.update(rita, {
        id: t.id,
        ticket: ticketInput({ imageTag: '1.3.0', values: 'replicaCount: 3\n' }),
      });
      const after = await cmd.get(rita, t.id);
      assert.equal(after.state, 'pending');
      assert.equal(after.status.approvedBy.length, 0);
      assert.deepEqual(
        after.timeline.map((e) => e.standing),
        ['voided', 'voided'],
      );
      await assert.rejects(deployTicketCommand(rita, { id: t.id }), /0 of 2 required approvals/);
    },
  );

  test('one rejection blocks the ticket, whatever others approve', T, async () => {
    const t = await cmd.create(rita, ticketInput({ imageTag: '1.3.0' }));
    await cmd.submit(rita, t.id);
    await cmd.approve(anna, { id: t.id, comment: 'fine' });
    await assert.rejects(cmd.reject(bert, { id: t.id, comment: '' }), /Say why/);
    await cmd.reject(bert, { id: t.id, comment: 'no rollback tested' });
    assert.equal((await cmd.get(rita, t.id)).state, 'rejected');
    await assert.rejects(cmd.approve(adam, { id: t.id, comment: 'x' }), { name: 'ForbiddenError' });
    await assert.rejects(deployTicketCommand(rita, { id: t.id }), /was rejected/);
  });

  test(
    'outside its maintenance window an approved ticket is refused, saying when it opens',
    T,
    async () => {
      const start = new Date(Date.now() + 24 * 3_600_000);
      const t = await approvedTicket({
        imageTag: '1.3.0',
        maintenanceWindow: {
          start: start.toISOString(),
          end: new Date(start.getTime() + 3_600_000).toISOString(),
          timeZone: 'UTC',
        },
      });
      await assert.rejects(deployTicketCommand(rita, { id: t.id }), (e: unknown) => {
        assert.ok(e instanceof GateDeniedError);
        assert.match(e.userMessage, /maintenance window opens/);
        assert.equal(e.result.opensAt?.getTime(), start.getTime());
        return true;
      });
    },
  );

  test('inside a freeze window a deploy is refused with the time it opens', T, async () => {
    await assert.rejects(
      requestOperation({
        actor: rita,
        kind: 'install',
        environment: 'development',
        cluster: 'dev',
        release: 'alpha-members',
      }),
      (e: unknown) => {
        assert.ok(e instanceof GateDeniedError);
        assert.match(e.userMessage, /frozen \(release-freeze\)/);
        assert.ok(e.userMessage.includes(FREEZE_END.toISOString()), e.userMessage);
        return true;
      },
    );
  });

  test(
    'break-glass: refused to non-admins and without a reason; an admin with one runs and is flagged for review',
    T,
    async () => {
      const upgrade = { kind: 'upgrade' as const, ...east, params: { imageTag: '1.2.1' } };
      await assert.rejects(
        requestOperation({
          actor: rita,
          ...upgrade,
          breakGlassReason: 'payments are down, hotfix now',
        }),
        /Admin role/,
      );
      await assert.rejects(
        requestOperation({ actor: adam, ...upgrade, breakGlassReason: 'now' }),
        /reason of at least/,
      );
      const op = await requestOperation({
        actor: adam,
        ...upgrade,
        breakGlassReason: 'members login broken, hotfix 1.2.1',
      });
      assert.equal((await waitForFinal(f.db, op.id)).state, 'succeeded');
      const audit = await f.db.prisma.auditRecord.findFirst({
        where: { action: 'gate.break-glass', outcome: 'succeeded' },
      });
      assert.ok(audit);
      const reviews = await cmd.breakGlassReviews(anna);
      assert.deepEqual(
        reviews.map((r) => r.operationId),
        [op.id],
      );
      await assert.rejects(cmd.breakGlassReviews(vera), { name: 'ForbiddenError' });
      await cmd.reviewBreakGlass(anna, { operationId: op.id, comment: 'justified' });
      assert.deepEqual(await cmd.breakGlassReviews(bert), []);
    },
  );

  test(
    'release manager rolls back production east without a ticket; audited as exempt-restore',
    T,
    async () => {
      const op = await requestOperation({ actor: rita, kind: 'rollback', ...east });
      const done = await waitForFinal(f.db, op.id);
      assert.equal(done.state, 'succeeded', done.error ?? '');
      const intent = await f.db.prisma.auditRecord.findFirstOrThrow({
        where: { operationId: op.id, outcome: 'intent' },
      });
      assert.equal((intent.details as { gate?: string }).gate, 'exempt-restore');
    },
  );

  test('rollback is not blocked by a freeze window either', T, async () => {
    // Nothing is installed in development, so the refusal must come from the release check, not the freeze.
    await assert.rejects(
      requestOperation({
        actor: rita,
        kind: 'rollback',
        environment: 'development',
        cluster: 'dev',
        release: 'alpha-members',
      }),
      /is not installed/,
    );
  });

  test('the approver inbox lists pending tickets of others only', T, async () => {
    const t = await cmd.create(rita, ticketInput({ imageTag: '1.4.0' }));
    await cmd.submit(rita, t.id);
    assert.ok((await cmd.inbox(anna)).some((v) => v.ticket.id === t.id));
    assert.ok(!(await cmd.inbox(rita)).some((v) => v.ticket.id === t.id));
  });

  test('bad input answers with the field and the rule', T, async () => {
    await assert.rejects(
      cmd.create(rita, ticketInput({ externalRef: 'chg 1' })),
      /externalRef: a reference such as CHG-1234/,
    );
    await assert.rejects(cmd.approve(anna, { id: 'x', comment: '' }), /id:/);
  });
});
