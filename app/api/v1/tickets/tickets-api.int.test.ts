// /api/v1/tickets as CI calls it: route handlers with real Requests and API
// tokens, real Postgres, sandbox clusters and real helm, each rule tried.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApiToken } from '@/lib/api-tokens';
import {
  startTicketFixture,
  ticketInput,
  USERS,
  waitForFinal,
  type TTicketFixture,
} from '@/lib/tickets/testing/fixture';
import { GET as getTicket, PUT as putTicket } from './[id]/route';
import { POST as approve } from './[id]/approve/route';
import { POST as deploy } from './[id]/deploy/route';
import { POST as reject } from './[id]/reject/route';
import { POST as submit } from './[id]/submit/route';
import { GET as list, POST as create } from './route';

const T = { timeout: 300_000 };
let f: TTicketFixture;
const tokens: Record<string, string> = {};

before(async () => {
  f = await startTicketFixture();
  for (const [key, u] of Object.entries(USERS))
    tokens[key] = (await createApiToken({ userId: u.id, name: 'ci' })).token;
});
after(async () => {
  await f?.stop();
});

function req(
  who: keyof typeof USERS | null,
  path: string,
  body?: unknown,
  method = 'POST',
): Request {
  return new Request(`http://helmdeck.test/api/v1/tickets${path}`, {
    method: body === undefined && method === 'POST' ? 'GET' : method,
    headers: {
      ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
const id = (n: number) => ({ params: Promise.resolve({ id: String(n) }) });
const json = async (res: Response) => (await res.json()) as Record<string, any>;

describe('/api/v1/tickets', () => {
  test('without a token the API answers 401', T, async () => {
    assert.equal((await list(req(null, ''))).status, 401);
    assert.equal((await create(req(null, '', ticketInput()))).status, 401);
  });

  test(
    'CI opens, gets approved and deploys a production ticket; every refusal has its status',
    T,
    async () => {
      const bad = await create(req('rita', '', ticketInput({ risk: 'extreme' })));
      assert.equal(bad.status, 400);
      assert.match((await json(bad)).problems.join(';'), /risk: one of low, medium, high/);
      assert.equal((await create(req('vera', '', ticketInput()))).status, 403);

      const created = await create(req('rita', '', ticketInput()));
      assert.equal(created.status, 201);
      const ticketId = (await json(created)).ticket.id as number;
      assert.equal(
        (await submit(req('rita', `/${ticketId}/submit`, {}), id(ticketId))).status,
        200,
      );

      const self = await approve(
        req('rita', `/${ticketId}/approve`, { comment: 'mine' }),
        id(ticketId),
      );
      assert.equal(self.status, 403);
      assert.match((await json(self)).error, /you requested/);
      assert.equal(
        (await approve(req('vera', `/${ticketId}/approve`, { comment: '' }), id(ticketId))).status,
        403,
      );
      assert.equal(
        (await approve(req('anna', `/${ticketId}/approve`, { comment: 'ok' }), id(ticketId)))
          .status,
        200,
      );
      assert.equal(
        (await approve(req('anna', `/${ticketId}/approve`, { comment: 'again' }), id(ticketId)))
          .status,
        409,
      );

      const early = await deploy(req('rita', `/${ticketId}/deploy`, {}), id(ticketId));
      assert.equal(early.status, 409);
      const refusal = await json(early);
      assert.match(refusal.error, /1 of 2 required approvals/);
      assert.ok(
        refusal.checklist.some(
          (c: { check: string; ok: boolean }) => c.check === 'approvals-count' && !c.ok,
        ),
      );

      assert.equal(
        (await approve(req('bert', `/${ticketId}/approve`, { comment: 'go' }), id(ticketId)))
          .status,
        200,
      );
      const accepted = await deploy(req('rita', `/${ticketId}/deploy`, {}), id(ticketId));
      assert.equal(accepted.status, 202);
      const [op] = (await json(accepted)).operations as { id: number; url: string }[];
      assert.ok(op);
      assert.equal(op.url, `/operations/${op.id}`);
      assert.equal((await waitForFinal(f.db, op.id)).state, 'succeeded');

      const got = await json(await getTicket(req('vera', `/${ticketId}`), id(ticketId)));
      assert.equal(got.ticket.state, 'deployed');
      assert.equal(got.ticket.timeline.length, 2);
      const listed = await json(await list(req('vera', '?state=deployed')));
      assert.deepEqual(
        listed.tickets.map((t: { ticket: { id: number } }) => t.ticket.id),
        [ticketId],
      );
    },
  );

  test(
    'a rejected ticket cannot be deployed; an edit voids approvals; unknown tickets answer 404',
    T,
    async () => {
      const ticketId = (
        await json(await create(req('rita', '', ticketInput({ imageTag: '1.3.0' }))))
      ).ticket.id as number;
      await submit(req('rita', `/${ticketId}/submit`, {}), id(ticketId));
      await approve(req('anna', `/${ticketId}/approve`, { comment: 'ok' }), id(ticketId));
      const edited = await putTicket(
        req(
          'rita',
          `/${ticketId}`,
          ticketInput({ imageTag: '1.3.0', values: 'replicaCount: 4\n' }),
          'PUT',
        ),
        id(ticketId),
      );
      assert.equal(edited.status, 200);
      const after = await json(await getTicket(req('anna', `/${ticketId}`), id(ticketId)));
      assert.equal(after.ticket.status.approvedBy.length, 0);
      assert.equal(after.ticket.timeline[0].standing, 'voided');
      const no = await reject(
        req('bert', `/${ticketId}/reject`, { comment: 'not this week' }),
        id(ticketId),
      );
      assert.equal(no.status, 200);
      const refused = await deploy(req('rita', `/${ticketId}/deploy`, {}), id(ticketId));
      assert.equal(refused.status, 409);
      assert.match((await json(refused)).error, /was rejected/);
      assert.equal((await getTicket(req('rita', '/99999'), id(99999))).status, 404);
      assert.equal(
        (await getTicket(req('rita', '/abc'), { params: Promise.resolve({ id: 'abc' }) })).status,
        400,
      );
    },
  );

  test(
    'break-glass through the API: refused to a release manager, allowed to an admin with a reason',
    T,
    async () => {
      const ticketId = (
        await json(await create(req('rita', '', ticketInput({ imageTag: '1.3.1' }))))
      ).ticket.id as number;
      const reason = { breakGlassReason: 'members login is down, shipping the fix' };
      const rm = await deploy(req('rita', `/${ticketId}/deploy`, reason), id(ticketId));
      assert.equal(rm.status, 403);
      const short = await deploy(
        req('adam', `/${ticketId}/deploy`, { breakGlassReason: 'now' }),
        id(ticketId),
      );
      assert.equal(short.status, 403);
      assert.match((await json(short)).error, /reason of at least/);
      const ok = await deploy(req('adam', `/${ticketId}/deploy`, reason), id(ticketId));
      assert.equal(ok.status, 202);
      const [op] = (await json(ok)).operations as { id: number }[];
      const row = await waitForFinal(f.db, op!.id);
      assert.equal(row.breakGlassReason, reason.breakGlassReason);
    },
  );
});
