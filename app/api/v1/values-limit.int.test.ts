// Values larger than one Helm release can hold (a release is one Kubernetes
// Secret of at most 1 MiB) are refused up front, naming the values and the
// limit, on every way in: the operations API, the command behind the release
// page's deploy dialog, and tickets. Nothing is queued and the release keeps
// its revision. Real Postgres, a sandbox cluster and real helm.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createApiToken } from '@/lib/api-tokens';
import { stopTestServer } from '@/lib/db/test-database';
import { bundledToolPath, helmHistory, helmUpgrade, inspectHelm } from '@/lib/helm';
import { configureOperations, submitOperation } from '@/lib/operations';
import { CHART, startFixture, type TFixture } from '@/lib/operations/testing/fixture';
import { POST as postOperation } from './operations/route';
import { POST as postTicket } from './tickets/route';

const T = { timeout: 600_000 };
let f: TFixture;
let token = '';
let helm: Awaited<ReturnType<typeof inspectHelm>>;
const staging = { environment: 'staging', cluster: 'staging', release: 'alpha-members' };
const BIG = `blob: "${'x'.repeat(4.5 * 1024 * 1024)}"\n`;
const LIMIT = /values: 4\.5 MiB is more than one Helm release can hold; the limit is 1 MiB/;

const target = () => ({
  helm,
  kubeconfig: f.sandbox.kubeconfigPath,
  kubeContext: 'staging',
  namespace: 'staging',
});
const revisions = async () =>
  (await helmHistory(target(), { release: 'alpha-members' })).map((h) => h.revision);
const post = (route: (r: Request) => Promise<Response>, path: string, body: unknown) =>
  route(
    new Request(`http://helmdeck.test${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

before(async () => {
  f = await startFixture();
  token = (await createApiToken({ userId: f.rita.id, name: 'ci' })).token;
  helm = await inspectHelm(bundledToolPath('helm'));
  await helmUpgrade(target(), {
    release: 'alpha-members',
    chart: CHART,
    install: true,
    createNamespace: true,
    wait: 'none',
    timeout: '2m',
    values: { replicaCount: 1 },
    description: 'Deploy 1',
  });
});
after(async () => {
  await f?.db.drop();
  await stopTestServer();
  await f?.stop();
  configureOperations({});
});

describe('values larger than a release can hold', T, () => {
  test(
    'POST /api/v1/operations: 400 naming the values and the limit; nothing queued, release untouched',
    T,
    async () => {
      const before = await revisions();
      const ops = await f.db.prisma.operation.count();
      const res = await post(postOperation, '/api/v1/operations', {
        kind: 'upgrade',
        ...staging,
        params: { values: BIG },
      });
      const body = await res.text();
      assert.equal(res.status, 400, body);
      assert.match(body, LIMIT);
      assert.equal(await f.db.prisma.operation.count(), ops, 'no operation was created');
      assert.deepEqual(await revisions(), before, 'the release kept its revisions');
    },
  );

  test('the deploy dialog command refuses the same, with the same message', T, async () => {
    const ops = await f.db.prisma.operation.count();
    await assert.rejects(
      submitOperation(f.rita, { kind: 'upgrade', ...staging, params: { values: BIG } }),
      (e: unknown) => {
        assert.match(String((e as Error).message), LIMIT);
        return true;
      },
    );
    assert.equal(await f.db.prisma.operation.count(), ops);
  });

  test(
    'values that do not compress and would not fit as Helm stores them are refused too',
    T,
    async () => {
      const noise = randomBytes(525 * 1024).toString('base64');
      const res = await post(postOperation, '/api/v1/operations', {
        kind: 'upgrade',
        ...staging,
        params: { values: `noise: "${noise}"\n` },
      });
      const body = await res.text();
      assert.equal(res.status, 400, body);
      assert.match(body, /once compressed as Helm stores them; the limit is 512 KiB/);
    },
  );

  test('POST /api/v1/tickets: 400 naming the values and their limit; no ticket', T, async () => {
    const tickets = await f.db.prisma.changeTicket.count();
    const res = await post(postTicket, '/api/v1/tickets', {
      release: 'alpha-members',
      environment: 'staging',
      clusters: ['staging'],
      chartVersion: '1.4.0',
      values: BIG,
      rollbackPlan: { steps: ['helm rollback'] },
      maintenanceWindow: {
        start: new Date(Date.now() + 3_600_000).toISOString(),
        end: new Date(Date.now() + 7_200_000).toISOString(),
        timeZone: 'UTC',
      },
      risk: 'low',
    });
    const body = await res.text();
    assert.equal(res.status, 400, body);
    assert.match(body, /values: at most 512 KiB \(one Helm release holds at most 1 MiB\)/);
    assert.equal(await f.db.prisma.changeTicket.count(), tickets, 'no ticket was created');
  });
});
