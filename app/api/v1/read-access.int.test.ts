// Role × read route: every read route handler, called with a real Request
// and each role's API token, against real Postgres, sandbox clusters and a
// release deployed with real helm in staging and production. A user without
// a role is refused everywhere; a release manager limited to staging gets
// staging and is refused production, and no list they get names production
// or its cluster; global roles read both.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GET as auditExport } from '@/app/(app)/audit/export/route';
import { GET as clusters } from '@/app/api/clusters/route';
import { GET as events } from '@/app/api/events/route';
import { GET as operationStream } from '@/app/api/operations/[id]/stream/route';
import { createApiToken } from '@/lib/api-tokens';
import { stopTestServer } from '@/lib/db/test-database';
import { bundledToolPath, helmUpgrade, inspectHelm } from '@/lib/helm';
import { configureOperations } from '@/lib/operations';
import { CHART, startFixture, type TFixture } from '@/lib/operations/testing/fixture';
import { stagingAndEast, viewSandbox, waitForReleaseView } from '@/lib/testing/release-view';
import { stopReleaseView } from '@/lib/release-view';
import { getPipelineView } from '@/lib/promotions';
import { ticketCommands, type TTicketUser } from '@/lib/tickets/ticket-commands';
import { GET as environmentDiff } from './environments/diff/route';
import { GET as environment } from './environments/[environment]/route';
import { GET as operation } from './operations/[id]/route';
import { GET as operations } from './operations/route';
import { GET as promotion } from './promotions/[id]/route';
import { GET as releaseDiff } from './releases/[environment]/[cluster]/[release]/diff/route';
import { GET as releaseHistory } from './releases/[environment]/[cluster]/[release]/history/route';
import { GET as release } from './releases/[environment]/[cluster]/[release]/route';
import { GET as releases } from './releases/route';
import { GET as ticket } from './tickets/[id]/route';
import { GET as tickets } from './tickets/route';

const T = { timeout: 600_000 };
let f: TFixture;
const tokens: Record<string, string> = {};
const ids = {
  stagingTicket: 0,
  productionTicket: 0,
  stagingOp: 0,
  productionOp: 0,
  stagingPromotion: 0,
  productionPromotion: 0,
};

const ROLES = {
  none: [],
  viewer: [{ role: 'viewer', environment: null }],
  stagingRm: [{ role: 'release_manager', environment: 'staging' }],
  approver: [{ role: 'approver', environment: null }],
  admin: [{ role: 'admin', environment: null }],
} as const;
type TWho = keyof typeof ROLES;
const WHO = Object.keys(ROLES) as TWho[];

const rita = () => ({ ...f.rita, name: 'Rita' }) as TTicketUser;
const req = (who: TWho, path: string) =>
  new Request(`http://helmdeck.test${path}`, {
    headers: { authorization: `Bearer ${tokens[who]}` },
  });
const ctx = <P>(p: P) => ({ params: Promise.resolve(p) });
const stagingPlace = { environment: 'staging', cluster: 'staging', release: 'alpha-members' };
const prodPlace = { environment: 'production', cluster: 'east', release: 'alpha-members' };

type TRoute = {
  name: string;
  /** The environment it shows; undefined for lists (filtered, never refused but to no-role users). */
  env?: 'staging' | 'production';
  /** The answer when the environment is not the caller's (lists: never). */
  refused?: 403 | 404;
  call: (who: TWho) => Promise<Response>;
};

const ROUTES: TRoute[] = [
  { name: 'GET /api/v1/releases', call: (w) => releases(req(w, '/api/v1/releases')) },
  { name: 'GET /api/clusters', call: (w) => clusters(req(w, '/api/clusters')) },
  { name: 'GET /api/v1/tickets', call: (w) => tickets(req(w, '/api/v1/tickets')) },
  { name: 'GET /api/v1/operations', call: (w) => operations(req(w, '/api/v1/operations')) },
  { name: 'GET /audit/export', call: (w) => auditExport(req(w, '/audit/export')) },
  ...(['staging', 'production'] as const).flatMap((env): TRoute[] => {
    const place = env === 'staging' ? stagingPlace : prodPlace;
    const base = `/api/v1/releases/${place.environment}/${place.cluster}/${place.release}`;
    return [
      {
        name: `GET ${base}`,
        env,
        refused: 403,
        call: (w) => release(req(w, base), ctx(place)),
      },
      {
        name: `GET ${base}/history`,
        env,
        refused: 403,
        call: (w) => releaseHistory(req(w, `${base}/history`), ctx(place)),
      },
      {
        name: `GET ${base}/diff`,
        env,
        refused: 403,
        call: (w) => releaseDiff(req(w, `${base}/diff?from=1&to=2`), ctx(place)),
      },
      {
        name: `GET /api/v1/environments/${env}`,
        env,
        refused: 403,
        call: (w) => environment(req(w, `/api/v1/environments/${env}`), ctx({ environment: env })),
      },
      {
        name: `GET /api/v1/tickets/{${env} ticket}`,
        env,
        refused: 404,
        call: (w) => {
          const id = String(env === 'staging' ? ids.stagingTicket : ids.productionTicket);
          return ticket(req(w, `/api/v1/tickets/${id}`), ctx({ id }));
        },
      },
      {
        name: `GET /api/v1/promotions/{promotion to ${env}}`,
        env,
        refused: 404,
        call: (w) => {
          const id = String(env === 'staging' ? ids.stagingPromotion : ids.productionPromotion);
          return promotion(req(w, `/api/v1/promotions/${id}`), ctx({ id }));
        },
      },
      {
        name: `GET /api/v1/operations/{${env} operation}`,
        env,
        refused: 404,
        call: (w) => {
          const id = String(env === 'staging' ? ids.stagingOp : ids.productionOp);
          return operation(req(w, `/api/v1/operations/${id}`), ctx({ id }));
        },
      },
    ];
  }),
  {
    name: 'GET /api/v1/environments/diff (staging ↔ production)',
    env: 'production',
    refused: 403,
    call: (w) =>
      environmentDiff(
        req(
          w,
          '/api/v1/environments/diff?release=alpha-members&left=staging/staging&right=production/east',
        ),
      ),
  },
];

function expectedStatus(who: TWho, route: TRoute): number {
  if (who === 'none') return route.env === undefined ? 403 : (route.refused ?? 403);
  if (who === 'stagingRm' && route.env === 'production') return route.refused ?? 403;
  return 200;
}

/** Production data: its name (also its namespace) and its cluster's. */
const FOREIGN = [/production/, /\beast\b/];

before(async () => {
  f = await startFixture();
  for (const [who, grants] of Object.entries(ROLES)) {
    const id = `u-${who}`;
    await f.db.prisma.user.create({ data: { id, name: who, email: `${id}@example.test` } });
    for (const g of grants)
      await f.db.prisma.roleGrant.create({
        data: { userId: id, role: g.role, environment: g.environment },
      });
    tokens[who] = (await createApiToken({ userId: id, name: 'ci' })).token;
  }
  const helm = await inspectHelm(bundledToolPath('helm'));
  for (const [context, namespace] of [
    ['staging', 'staging'],
    ['east', 'production'],
  ] as const)
    for (const n of [1, 2])
      await helmUpgrade(
        { helm, kubeconfig: f.sandbox.kubeconfigPath, kubeContext: context, namespace },
        {
          release: 'alpha-members',
          chart: CHART,
          install: true,
          createNamespace: true,
          wait: 'none',
          timeout: '2m',
          values: { replicaCount: n },
          description: `Deploy ${n}`,
        },
      );
  viewSandbox(f.sandbox.kubeconfigPath, stagingAndEast('alpha-members'));
  await waitForReleaseView([
    ['staging', 'staging', 'alpha-members'],
    ['production', 'east', 'alpha-members'],
  ]);
  const window = {
    start: new Date(Date.now() - 3_600_000).toISOString(),
    end: new Date(Date.now() + 3_600_000).toISOString(),
    timeZone: 'UTC',
  };
  const build = await f.db.prisma.build.create({
    data: {
      release: 'alpha-members',
      chart: CHART,
      chartName: 'alpha-members',
      chartVersion: '1.4.0',
      chartDigest: `sha256:${'1'.repeat(64)}`,
      imageTag: '1.2.0',
    },
  });
  for (const [env, cluster] of [
    ['staging', 'staging'],
    ['production', 'east'],
  ] as const) {
    const t = await ticketCommands.create(rita(), {
      release: 'alpha-members',
      environment: env,
      clusters: [cluster],
      chartVersion: '1.4.0',
      imageTag: '1.2.0',
      values: 'replicaCount: 2\n',
      rollbackPlan: { steps: ['helm rollback'] },
      maintenanceWindow: window,
      risk: 'low',
    });
    const op = await f.db.prisma.operation.create({
      data: {
        kind: 'upgrade',
        state: 'succeeded',
        environment: env,
        cluster,
        namespace: env,
        release: 'alpha-members',
        requestedById: f.rita.id,
      },
    });
    const promo = await f.db.prisma.promotion.create({
      data: {
        release: 'alpha-members',
        fromEnvironment: env === 'production' ? 'staging' : null,
        toEnvironment: env,
        buildId: build.id,
        state: 'succeeded',
        requestedById: f.rita.id,
        waves: [[cluster]],
      },
    });
    if (env === 'staging') {
      ids.stagingPromotion = promo.id;
      ids.stagingTicket = t.id;
      ids.stagingOp = op.id;
    } else {
      ids.productionPromotion = promo.id;
      ids.productionTicket = t.id;
      ids.productionOp = op.id;
    }
  }
});

after(async () => {
  stopReleaseView();
  await f?.db.drop();
  await stopTestServer();
  await f?.stop();
  configureOperations({});
});

describe('every read route, role × route', T, () => {
  for (const route of ROUTES) {
    test(route.name, T, async () => {
      for (const who of WHO) {
        const res = await route.call(who);
        const body = await res.text();
        const want = expectedStatus(who, route);
        assert.equal(res.status, want, `${who}: ${route.name} answered ${res.status}: ${body}`);
        if (want !== 200) {
          assert.doesNotMatch(body, /alpha-members.*revision|"rows"|"cells"/, `${who} got data`);
          if (who === 'none' && want === 403) assert.match(body, /no role/, 'the refusal says why');
          continue;
        }
        if (who === 'stagingRm')
          for (const mark of FOREIGN)
            assert.doesNotMatch(body, mark, `${who}: ${route.name} shows production data`);
        else if (route.env === undefined)
          assert.match(body, /production/, `${who}: ${route.name} misses production`);
      }
    });
  }

  test(
    "the pipeline page's view: nothing without a role, only staging's clusters and promotions for the staging release manager",
    T,
    async () => {
      for (const who of WHO) {
        const view = await getPipelineView({ id: `u-${who}`, grants: ROLES[who] }, 'alpha-members');
        if (who === 'none') {
          assert.equal(view, null, 'no pipeline for a user without a role');
          continue;
        }
        assert.ok(view, `${who} sees the pipeline`);
        const production = view.stages.find((s) => s.environment === 'production');
        const text = JSON.stringify({ ...view, stages: view.stages.map((s) => s.clusters) });
        if (who === 'stagingRm') {
          assert.equal(production?.visible, false);
          assert.deepEqual(production?.clusters, []);
          assert.equal(production?.last, null);
          assert.doesNotMatch(text, /\beast\b/, 'no production cluster');
          assert.ok(
            view.recent.every((p) => p.to === 'staging'),
            'only promotions into staging',
          );
        } else {
          assert.equal(production?.visible, true, `${who} sees production`);
          assert.ok(
            view.recent.some((p) => p.to === 'production'),
            `${who} sees its promotion`,
          );
        }
      }
    },
  );

  test('the live streams: refused without a role, open for the others', T, async () => {
    for (const who of WHO) {
      const res = await events(req(who, '/api/events'));
      assert.equal(res.status, who === 'none' ? 403 : 200, `${who}: /api/events`);
      await res.body?.cancel();
      for (const [env, id] of [
        ['staging', ids.stagingOp],
        ['production', ids.productionOp],
      ] as const) {
        const s = await operationStream(
          req(who, `/api/operations/${id}/stream`),
          ctx({ id: String(id) }),
        );
        const allowed = who !== 'none' && (who !== 'stagingRm' || env === 'staging');
        assert.equal(s.status, allowed ? 200 : 404, `${who}: ${env} operation stream`);
        await s.body?.cancel();
      }
    }
  });
});
