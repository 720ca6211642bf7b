// Secret search: a password, an AWS key, a DATABASE_URL with a password, a
// `token=` string and a private key go into a real install and upgrade (the
// worker runs real helm against a sandbox cluster) and into a change ticket;
// then every API answer that can show them (releases, history, revision diff,
// operations with their logs, tickets, the audit CSV), the audit records,
// the operation log lines and everything the process printed are searched
// for the secret text. The ticket page alone shows the values as written,
// and only to the requester and the approvers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GET as auditExport } from '@/app/(app)/audit/export/route';
import { createApiToken } from '@/lib/api-tokens';
import { stopTestServer } from '@/lib/db/test-database';
import {
  configureOperations,
  stopQueue,
  startWorker,
  submitOperation,
  type TWorker,
} from '@/lib/operations';
import { startFixture, waitForFinal, type TFixture } from '@/lib/operations/testing/fixture';
import { stagingAndEast, viewSandbox, waitForReleaseView } from '@/lib/testing/release-view';
import { stopReleaseView } from '@/lib/release-view';
import { ticketCommands, type TTicketUser } from '@/lib/tickets/ticket-commands';
import { GET as environment } from './environments/[environment]/route';
import { GET as operation } from './operations/[id]/route';
import { GET as operations } from './operations/route';
import { GET as releaseDiff } from './releases/[environment]/[cluster]/[release]/diff/route';
import { GET as releaseHistory } from './releases/[environment]/[cluster]/[release]/history/route';
import { GET as release } from './releases/[environment]/[cluster]/[release]/route';
import { GET as releases } from './releases/route';
import { GET as ticket } from './tickets/[id]/route';
import { GET as tickets, POST as createTicket } from './tickets/route';

const T = { timeout: 600_000 };
let f: TFixture;
let worker: TWorker;
const tokens: Record<string, string> = {};
const ops: number[] = [];
let ticketId = 0;
const printed: string[] = [];
const writes = { out: process.stdout.write, err: process.stderr.write };

const secrets = (n: number) => ({
  password: `hunter2-SECRET-${n}`,
  aws: `AKIASECRETKEY${n}0000000`,
  dbPassword: `dbpass-SECRET-${n}`,
  token: `tok-SECRET-${n}`,
  key: `MIIsecretKEYdata${n}`,
});
const ALL_SECRETS = [1, 2, 3].flatMap((n) => Object.values(secrets(n)));

// Chart fields: `config` becomes a ConfigMap, `podAnnotations` the pods' annotations.
function valuesYaml(n: number): string {
  const s = secrets(n);
  return `password: ${s.password}
config:
  LOGIN: ${s.password}
  AWS_ACCESS_KEY_ID: ${s.aws}
  DATABASE_URL: postgres://app:${s.dbPassword}@db.internal:5432/app
  HOOK: https://hooks.example.com/in?token=${s.token}&team=shop
  TLS_KEY: "-----BEGIN PRIVATE KEY-----\\n${s.key}\\n-----END PRIVATE KEY-----\\n"
podAnnotations:
  example.com/key-id: ${s.aws}
`;
}

const USERS = {
  rita: [
    { role: 'release_manager', environment: null },
    { role: 'approver', environment: 'production' },
  ],
  anna: [{ role: 'approver', environment: null }],
  vera: [{ role: 'viewer', environment: null }],
} as const;
type TWho = keyof typeof USERS;
const user = (who: TWho): TTicketUser => ({
  id: `s-${who}`,
  name: who,
  grants: USERS[who].map((g, i) => ({ id: i, ...g })),
});

const req = (who: TWho, path: string, body?: unknown) =>
  new Request(`http://helmdeck.test${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const ctx = <P>(p: P) => ({ params: Promise.resolve(p) });

function assertNoSecret(what: string, text: string): void {
  for (const secret of ALL_SECRETS) assert.ok(!text.includes(secret), `${what} shows ${secret}`);
}

function ticketBody(n: number) {
  return {
    release: 'alpha-members',
    environment: 'staging',
    clusters: ['staging'],
    chartVersion: '1.4.0',
    imageTag: '1.2.0',
    values: valuesYaml(n),
    renderedDiff: JSON.stringify({ values: [{ path: 'password', to: secrets(n).password }] }),
    rollbackPlan: { steps: ['helm rollback'] },
    maintenanceWindow: {
      start: new Date(Date.now() - 3_600_000).toISOString(),
      end: new Date(Date.now() + 3_600_000).toISOString(),
      timeZone: 'UTC',
    },
    risk: 'low',
  };
}

before(async () => {
  // Everything the process prints while secrets pass through it is searched too.
  const tap =
    (stream: NodeJS.WriteStream, write: typeof process.stdout.write) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      printed.push(String(chunk));
      return (write as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
    };
  process.stdout.write = tap(process.stdout, writes.out) as typeof process.stdout.write;
  process.stderr.write = tap(process.stderr, writes.err) as typeof process.stderr.write;
  f = await startFixture();
  for (const [who, grants] of Object.entries(USERS)) {
    const id = `s-${who}`;
    await f.db.prisma.user.create({ data: { id, name: who, email: `${id}@example.test` } });
    for (const g of grants)
      await f.db.prisma.roleGrant.create({
        data: { userId: id, role: g.role, environment: g.environment },
      });
    tokens[who] = (await createApiToken({ userId: id, name: 'ci' })).token;
  }
  worker = await startWorker({ concurrency: 1 });
  const place = { environment: 'staging', cluster: 'staging', release: 'alpha-members' };
  for (const [kind, n] of [
    ['install', 1],
    ['upgrade', 2],
  ] as const) {
    const op = await submitOperation(user('rita'), {
      kind,
      ...place,
      params: { imageTag: '2.3.0', values: valuesYaml(n) },
    });
    const done = await waitForFinal(f.db, op.id);
    assert.equal(done.state, 'succeeded', done.error ?? '');
    ops.push(op.id);
  }
  viewSandbox(f.sandbox.kubeconfigPath, stagingAndEast('alpha-members'));
  await waitForReleaseView([['staging', 'staging', 'alpha-members']]);
  const created = await createTicket(req('rita', '/api/v1/tickets', ticketBody(3)));
  const text = await created.text();
  assert.equal(created.status, 201, text);
  assertNoSecret('POST /api/v1/tickets', text);
  ticketId = (JSON.parse(text) as { ticket: { id: number } }).ticket.id;
});

after(async () => {
  process.stdout.write = writes.out;
  process.stderr.write = writes.err;
  stopReleaseView();
  await worker?.stop();
  await stopQueue();
  await f?.db.drop();
  await stopTestServer();
  await f?.stop();
  configureOperations({});
});

describe('secret search', T, () => {
  test('no API answer shows a secret, for any role', T, async () => {
    const place = { environment: 'staging', cluster: 'staging', release: 'alpha-members' };
    const base = '/api/v1/releases/staging/staging/alpha-members';
    for (const who of Object.keys(USERS) as TWho[]) {
      const answers: [string, Promise<Response>][] = [
        ['GET /api/v1/releases', releases(req(who, '/api/v1/releases'))],
        [`GET ${base}`, release(req(who, base), ctx(place))],
        [`GET ${base}/history`, releaseHistory(req(who, `${base}/history`), ctx(place))],
        [`GET ${base}/diff`, releaseDiff(req(who, `${base}/diff?from=1&to=2`), ctx(place))],
        [
          'GET /api/v1/environments/staging',
          environment(req(who, '/api/v1/environments/staging'), ctx({ environment: 'staging' })),
        ],
        ['GET /api/v1/operations', operations(req(who, '/api/v1/operations'))],
        ...ops.map((id): [string, Promise<Response>] => [
          `GET /api/v1/operations/${id}`,
          operation(req(who, `/api/v1/operations/${id}`), ctx({ id: String(id) })),
        ]),
        ['GET /api/v1/tickets', tickets(req(who, '/api/v1/tickets'))],
        [
          `GET /api/v1/tickets/${ticketId}`,
          ticket(req(who, `/api/v1/tickets/${ticketId}`), ctx({ id: String(ticketId) })),
        ],
        ['GET /audit/export', auditExport(req(who, '/audit/export'))],
      ];
      for (const [what, answer] of answers) {
        const res = await answer;
        const text = await res.text();
        assert.equal(res.status, 200, `${who}: ${what}: ${text}`);
        assertNoSecret(`${who}: ${what}`, text);
      }
    }
  });

  test('audit records, operation log lines and what the process printed hold no secret', async () => {
    const records = await f.db.prisma.auditRecord.findMany();
    assertNoSecret(
      'audit records',
      JSON.stringify(records, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
    );
    const lines = await f.db.prisma.operationLog.findMany();
    assert.ok(lines.length > 0, 'the operations logged helm output');
    assertNoSecret('operation log lines', JSON.stringify(lines.map((l) => l.line)));
    assertNoSecret('stdout and stderr', printed.join(''));
  });

  test('the ticket page shows the values as written to the requester and approvers only', async () => {
    for (const who of ['rita', 'anna'] as const) {
      const page = await ticketCommands.getForPage(user(who), ticketId);
      assert.equal(page.values, valuesYaml(3), `${who} reads the values`);
    }
    const viewer = await ticketCommands.getForPage(user('vera'), ticketId);
    assertNoSecret('the ticket page for a viewer', JSON.stringify(viewer));
    assert.match(viewer.values, /password: \[redacted:[0-9a-f]{12}\]/);
    assert.match(viewer.values, /postgres:\/\/app:\[redacted:[0-9a-f]{12}\]@db\.internal/);
  });
});
