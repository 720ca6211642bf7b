// Every role × action pair through the server-action commands and the REST
// route handlers, called directly: real Postgres, a sandbox cluster, real helm.
// Refusals answer as such (403 on the API) and leave a `denied` audit record;
// a release manager limited to staging acts there and nowhere else.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApiToken } from '@/lib/api-tokens';
import { stopTestServer } from '@/lib/db/test-database';
import {
  configureOperations,
  OPERATION_KINDS,
  stopQueue,
  startWorker,
  type TWorker,
} from '@/lib/operations';
import { startFixture, waitForFinal, type TFixture } from '@/lib/operations/testing/fixture';
import { GET as getOperation } from './[id]/route';
import { GET as listRoute, POST as postOperation } from './route';
import { GET as streamRoute } from '@/app/api/operations/[id]/stream/route';
import { resultOf } from '@/lib/errors';
import {
  previewCommand as previewOrThrow,
  submitOperation as submitOrThrow,
  type TUserActor,
} from '@/lib/operations';

const T = { timeout: 600_000 };
// The commands as the server actions answer: a result, refusals as code and message.
const submitOperation = (...a: Parameters<typeof submitOrThrow>) =>
  resultOf('test', () => submitOrThrow(...a));
const previewCommand = (...a: Parameters<typeof previewOrThrow>) =>
  resultOf('test', () => previewOrThrow(...a));
let f: TFixture;
let worker: TWorker;
const tokens: Record<string, string> = {};
const staging = { environment: 'staging', cluster: 'staging', release: 'alpha-members' };
const production = { environment: 'production', cluster: 'east', release: 'alpha-members' };

const USERS = {
  viewer: { id: 'u-viewer', name: 'Vera Viewer', grants: [{ role: 'viewer', environment: null }] },
  approver: {
    id: 'u-approver',
    name: 'Abe Approver',
    grants: [{ role: 'approver', environment: null }],
  },
  admin: { id: 'u-admin', name: 'Adam Admin', grants: [{ role: 'admin', environment: null }] },
  limitedRm: {
    id: 'u-rm',
    name: 'Rita Limited',
    grants: [{ role: 'release_manager', environment: 'staging' }],
  },
} as const satisfies Record<
  string,
  TUserActor & { name: string; grants: { role: string; environment: string | null }[] }
>;
type TWho = keyof typeof USERS;
const actor = (who: TWho): TUserActor => USERS[who] as unknown as TUserActor;

before(async () => {
  f = await startFixture();
  for (const [key, u] of Object.entries(USERS)) {
    await f.db.prisma.user.create({
      data: { id: u.id, name: u.name, email: `${u.id}@example.com` },
    });
    for (const g of u.grants)
      await f.db.prisma.roleGrant.create({
        data: { userId: u.id, role: g.role, environment: g.environment },
      });
    tokens[key] = (await createApiToken({ userId: u.id, name: 'ci' })).token;
  }
  worker = await startWorker({ concurrency: 2 });
});
after(async () => {
  await worker?.stop();
  await stopQueue();
  await f?.db.drop();
  await stopTestServer();
  await f?.stop();
  configureOperations({});
});

const post = (who: TWho, body: unknown) =>
  postOperation(
    new Request('http://helmdeck.test/api/v1/operations', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
const get = (who: TWho, path: string) =>
  new Request(`http://helmdeck.test${path}`, {
    headers: { authorization: `Bearer ${tokens[who]}` },
  });
const params = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

const denials = (actorId: string, action: string, environment: string) =>
  f.db.prisma.auditRecord.count({
    where: { actor: actorId, action, environment, outcome: 'denied' },
  });

// Params each kind accepts, so a refusal can only come from policy.
const PARAMS: Record<string, Record<string, unknown>> = {
  install: { imageTag: '2.3.0' },
  upgrade: { imageTag: '2.3.1' },
  promote: {
    version: '1.4.0',
    digest: `sha256:${'0'.repeat(64)}`,
    imageTag: '2.3.1',
    promotionId: 1,
    stepId: 1,
  },
  deploy_idle: { colour: 'green', imageTag: '2.3.1' },
  test_idle: { colour: 'green' },
  switch_traffic: { to: 'green' },
  switch_back: { to: 'blue' },
  retire_colour: { colour: 'blue' },
  canary_start: { imageTag: '2.3.1' },
  canary_step: { weight: 25 },
  canary_promote: { imageTag: '2.3.1' },
  canary_abort: {},
  flag_set: { flag: 'signup', value: true },
};

describe('operations access, role × action', T, () => {
  for (const who of ['viewer', 'approver', 'admin'] as const) {
    for (const kind of OPERATION_KINDS) {
      test(
        `${who} is refused ${kind} in staging and production, by server action and by API; each refusal is audited`,
        T,
        async () => {
          for (const place of [staging, production]) {
            const before = await denials(USERS[who].id, kind, place.environment);
            const r = await submitOperation(actor(who), { kind, ...place, params: PARAMS[kind] });
            assert.equal(r.ok, false);
            assert.equal(!r.ok && r.code, 'forbidden', JSON.stringify(r));
            assert.match(
              !r.ok ? r.error : '',
              new RegExp(`Release manager role for ${place.environment}`),
            );
            const res = await post(who, { kind, ...place, params: PARAMS[kind] });
            assert.equal(res.status, 403);
            assert.match(((await res.json()) as { error: string }).error, /Release manager role/);
            assert.equal(await denials(USERS[who].id, kind, place.environment), before + 2);
          }
          assert.equal(
            await f.db.prisma.operation.count({ where: { requestedById: USERS[who].id } }),
            0,
          );
        },
      );
    }
  }

  for (const kind of OPERATION_KINDS) {
    test(
      `a release manager limited to staging is refused ${kind} in production; the refusal is audited`,
      T,
      async () => {
        const before = await denials(USERS.limitedRm.id, kind, 'production');
        const r = await submitOperation(actor('limitedRm'), {
          kind,
          ...production,
          params: PARAMS[kind],
        });
        assert.equal(!r.ok && r.code, 'forbidden');
        const res = await post('limitedRm', { kind, ...production, params: PARAMS[kind] });
        assert.equal(res.status, 403);
        assert.equal(await denials(USERS.limitedRm.id, kind, 'production'), before + 2);
      },
    );
  }

  test('a viewer cannot preview a rollback either', T, async () => {
    const r = await previewCommand(actor('viewer'), { kind: 'rollback', ...staging });
    assert.equal(!r.ok && r.code, 'forbidden');
  });

  test('without a token or session the API answers 401', T, async () => {
    const res = await postOperation(
      new Request('http://helmdeck.test/api/v1/operations', { method: 'POST', body: '{}' }),
    );
    assert.equal(res.status, 401);
  });

  test(
    'the limited release manager installs, upgrades, tests, rolls back, recovers (nothing to recover) and uninstalls in staging',
    T,
    async () => {
      // install via the API: 202 with the queued operation
      const res = await post('limitedRm', {
        kind: 'install',
        ...staging,
        params: { imageTag: '2.3.0' },
      });
      assert.equal(res.status, 202);
      const installed = ((await res.json()) as { operation: { id: number; state: string } })
        .operation;
      assert.equal(installed.state, 'queued');
      assert.equal((await waitForFinal(f.db, installed.id)).state, 'succeeded');
      const read = await getOperation(
        get('viewer', `/api/v1/operations/${installed.id}`),
        params(installed.id),
      );
      assert.equal(read.status, 200, 'a viewer may read it');
      const detail = (await read.json()) as {
        operation: { state: string; requestedBy: string };
        audit: { outcome: string }[];
        logs: unknown[];
      };
      assert.equal(detail.operation.requestedBy, 'Rita Limited');
      assert.deepEqual(
        detail.audit.map((a) => a.outcome),
        ['intent', 'succeeded'],
      );
      assert.ok(detail.logs.length > 0, 'the helm output was recorded');

      // upgrade via the server action command, watched through the SSE stream until it ends
      const up = await submitOperation(actor('limitedRm'), {
        kind: 'upgrade',
        ...staging,
        params: { imageTag: '2.3.1', values: 'replicaCount: 3\n' },
      });
      assert.ok(up.ok, JSON.stringify(up));
      const stream = await streamRoute(
        get('limitedRm', `/api/operations/${up.data.id}/stream`),
        params(up.data.id),
      );
      assert.match(stream.headers.get('content-type') ?? '', /text\/event-stream/);
      const text = await stream.text(); // the stream closes after `done`
      assert.match(text, /event: update/);
      assert.match(text, /"state":"succeeded"/);
      assert.match(text, /event: done/);

      // a second request while one runs (pods that take a while to get ready) is refused as in progress
      const running = await submitOperation(actor('limitedRm'), {
        kind: 'upgrade',
        ...staging,
        params: { imageTag: 'slow' },
      });
      assert.ok(running.ok, JSON.stringify(running));
      const second = await post('limitedRm', { kind: 'rollback', ...staging });
      assert.equal(second.status, 409);
      assert.equal(
        ((await second.json()) as { error: string }).error,
        `operation #${running.data.id} (upgrade by Rita Limited) in progress`,
      );
      assert.equal((await waitForFinal(f.db, running.data.id)).state, 'succeeded');

      const tested = await submitOperation(actor('limitedRm'), { kind: 'test', ...staging });
      assert.ok(tested.ok, JSON.stringify(tested));
      const testRun = await waitForFinal(f.db, tested.data.id);
      assert.equal(testRun.state, 'succeeded', testRun.error ?? '');
      const testLog = await f.db.prisma.operationLog.findMany({
        where: { operationId: tested.data.id },
      });
      assert.ok(
        testLog.some((l) => /test/i.test(l.line) && l.stream === 'helm-stdout'),
        'the test output is on the page',
      );

      const preview = await previewCommand(actor('limitedRm'), { kind: 'rollback', ...staging });
      assert.ok(preview.ok, JSON.stringify(preview));
      assert.equal(preview.data.to.revision, 2, 'the previous revision by default');
      const back = await submitOperation(actor('limitedRm'), {
        kind: 'rollback',
        ...staging,
        params: { revision: '1' },
      });
      assert.ok(back.ok, JSON.stringify(back));
      assert.equal((await waitForFinal(f.db, back.data.id)).state, 'succeeded');

      // policy lets recover through; the release is not stuck, so nothing runs
      const recover = await post('limitedRm', { kind: 'recover', ...staging });
      assert.equal(recover.status, 400);
      assert.match(((await recover.json()) as { error: string }).error, /nothing to recover/);

      const wrong = await submitOperation(
        actor('limitedRm'),
        { kind: 'uninstall', ...staging, confirmRelease: 'alpha' },
        { typedConfirmation: true },
      );
      assert.equal(!wrong.ok && wrong.code, 'invalid');
      const missing = await submitOperation(
        actor('limitedRm'),
        { kind: 'uninstall', ...staging },
        { typedConfirmation: true },
      );
      assert.equal(!missing.ok && missing.code, 'invalid', 'the page must send the typed name');
      const gone = await submitOperation(
        actor('limitedRm'),
        { kind: 'uninstall', ...staging, confirmRelease: 'alpha-members' },
        { typedConfirmation: true },
      );
      assert.ok(gone.ok, JSON.stringify(gone));
      assert.equal((await waitForFinal(f.db, gone.data.id)).state, 'succeeded');

      const list = await listRoute(
        get('viewer', '/api/v1/operations?release=alpha-members&environment=staging'),
      );
      const ops = ((await list.json()) as { operations: { kind: string; state: string }[] })
        .operations;
      assert.deepEqual(
        ops.map((o) => o.kind),
        ['uninstall', 'rollback', 'test', 'upgrade', 'upgrade', 'install'],
      );
      assert.ok(ops.every((o) => o.state === 'succeeded'));
    },
  );

  test('bad input answers 400 with the problems; nothing is queued', T, async () => {
    const res = await post('limitedRm', {
      kind: 'upgrade',
      ...staging,
      release: '-x',
      params: { values: 'a: [' },
    });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { code: string; problems: string[] };
    assert.equal(body.code, 'invalid');
    assert.ok(body.problems.length >= 1);
    const notJson = await postOperation(
      new Request('http://helmdeck.test/api/v1/operations', {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.limitedRm}` },
        body: 'kind=upgrade',
      }),
    );
    assert.equal(notJson.status, 400);
  });

  test(
    'an operation in an environment the user has no role for is not found for them',
    T,
    async () => {
      await f.db.prisma.user.create({
        data: { id: 'u-dev', name: 'Dev Only', email: 'dev@example.com' },
      });
      await f.db.prisma.roleGrant.create({
        data: { userId: 'u-dev', role: 'viewer', environment: 'development' },
      });
      const token = (await createApiToken({ userId: 'u-dev', name: 'ci' })).token;
      const any = await f.db.prisma.operation.findFirstOrThrow({
        where: { environment: 'staging' },
      });
      const res = await getOperation(
        new Request(`http://helmdeck.test/api/v1/operations/${any.id}`, {
          headers: { authorization: `Bearer ${token}` },
        }),
        params(any.id),
      );
      assert.equal(res.status, 404);
    },
  );
});
