// Feature flags through the write path: real Postgres, sandbox clusters,
// real helm. A flag set in staging changes only that value there, leaves
// production alone, is kept over a later upgrade, and shows on the flags
// view as differing; a viewer may read but not set it. A promotion carries
// the build, never the previous stage's flags.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfig } from '@/lib/config';
import { stopTestServer } from '@/lib/db/test-database';
import { ForbiddenError } from '@/lib/operations/errors';
import { stopQueue } from '@/lib/operations/queue';
import { requestOperation } from '@/lib/operations/request-operation';
import { configureOperations, kubeClients } from '@/lib/operations/runtime';
import { CHART, startFixture, waitForFinal, type TFixture } from '@/lib/operations/testing/fixture';
import { startWorker, type TWorker } from '@/lib/operations/worker';
import { createPromotion, runPromotion } from '@/lib/promotions';
import { releaseBuild, valueAt } from '@/lib/strategies';
import { getFlagsView } from './view';

const T = { timeout: 600_000 };
const yaml = `
environments:
  - name: staging
    clusters: [{ name: staging, context: staging }]
    namespace: staging
    valuesFiles: [values.yaml, values-staging.yaml]
    timeout: 90s
  - name: production
    clusters: [{ name: east, context: east }]
    namespace: production
    valuesFiles: [values.yaml, values-prod.yaml]
    timeout: 90s
    requireTicket: true
    flagsNeedTicket: false
releases:
  - name: alpha-members
    chart: ${CHART}
    promotion: [staging, production]
    flags:
      - { name: signup, path: config.FEATURE_SIGNUP, description: New member sign-up }
allowedCharts: [${path.dirname(CHART)}/*]
`;
const staging = { environment: 'staging', cluster: 'staging', release: 'alpha-members' };
const production = { environment: 'production', cluster: 'east', release: 'alpha-members' };

let f: TFixture;
let worker: TWorker;

async function run(place: typeof staging, kind: string, params: Record<string, unknown>) {
  const op = await requestOperation({ actor: f.rita, kind: kind as never, ...place, params });
  return waitForFinal(f.db, op.id);
}

const build = (context: string, ns: string) =>
  releaseBuild(kubeClients(context), ns, 'alpha-members');

describe('feature flags per environment', () => {
  before(async () => {
    f = await startFixture({ yaml });
    worker = await startWorker({ concurrency: 2 });
    const { helmUpgrade } = await import('@/lib/helm');
    // Installed as they would be by hand: production needs tickets for upgrades.
    for (const [context, ns, env] of [
      ['staging', 'staging', 'staging'],
      ['east', 'production', 'prod'],
    ] as const)
      await helmUpgrade(
        { kubeconfig: f.sandbox.kubeconfigPath, kubeContext: context, namespace: ns },
        {
          release: 'alpha-members',
          chart: CHART,
          install: true,
          createNamespace: true,
          wait: 'watcher',
          timeout: '60s',
          valuesFiles: [path.join(CHART, 'values.yaml'), path.join(CHART, `values-${env}.yaml`)],
          values: { replicaCount: 1, image: { tag: '1.0.0' } },
        },
      );
  });
  after(async () => {
    await worker?.stop();
    await stopQueue();
    await f?.db.drop();
    await stopTestServer();
    await f?.stop();
    configureOperations({});
  });

  test('a flag set in staging changes only that value; production keeps its own', T, async () => {
    const before = await build('staging', 'staging');
    const set = await run(staging, 'flag_set', { flag: 'signup', value: false });
    assert.equal(set.state, 'succeeded', set.error ?? '');
    const after = await build('staging', 'staging');
    assert.equal(valueAt(after!.values, 'config.FEATURE_SIGNUP'), false);
    assert.equal(after!.imageTag, '1.0.0', 'the image stays');
    assert.equal(valueAt(after!.values, 'config.REGION'), valueAt(before!.values, 'config.REGION'));
    assert.equal(after!.revision, before!.revision + 1);
    const prod = await build('east', 'production');
    assert.equal(prod!.revision, 1, 'production is untouched');

    const view = await getFlagsView(f.vic, 'alpha-members');
    const row = view.flags.find((x) => x.name === 'signup')!;
    assert.equal(row.differs, true);
    assert.deepEqual(
      row.cells.map((c) => [c.environment, c.live, c.kept, c.canSet]),
      [
        ['staging', false, false, false],
        ['production', 'false', undefined, false],
      ],
      'a viewer sees the live values and may set none',
    );
    await assert.rejects(
      requestOperation({
        actor: f.vic,
        kind: 'flag_set',
        ...staging,
        params: { flag: 'signup', value: true },
      }),
      (e) => e instanceof ForbiddenError,
    );
  });

  test('the kept value is applied last on a later upgrade of that environment', T, async () => {
    const up = await run(staging, 'upgrade', { imageTag: '1.1.0' });
    assert.equal(up.state, 'succeeded', up.error ?? '');
    const after = await build('staging', 'staging');
    assert.equal(after!.imageTag, '1.1.0');
    assert.equal(valueAt(after!.values, 'config.FEATURE_SIGNUP'), false, 'the flag survives');
  });

  test(
    'flagsNeedTicket: false lets a flag be set in a ticketed environment; unknown flags are named',
    T,
    async () => {
      await assert.rejects(
        requestOperation({
          actor: f.rita,
          kind: 'flag_set',
          ...production,
          params: { flag: 'nope', value: 1 },
        }),
        /params\.flag: nope is not a flag of alpha-members \(its flags: signup\)/,
      );
      const set = await run(production, 'flag_set', { flag: 'signup', value: 'false' });
      assert.equal(set.state, 'succeeded', set.error ?? '');
      const prod = await build('east', 'production');
      assert.equal(valueAt(prod!.values, 'config.FEATURE_SIGNUP'), 'false');
      const refused = await requestOperation({
        actor: f.rita,
        kind: 'upgrade',
        ...production,
        params: { imageTag: '1.1.0' },
      }).catch((e: unknown) => e);
      assert.ok(
        refused instanceof Error && /ticket/i.test(refused.message),
        'upgrades still need one',
      );
    },
  );

  test(
    'a flag set in staging stays in staging over a promotion; production keeps its own',
    T,
    async () => {
      // Production without tickets here: the promotion's ticket gate has its own tests.
      const open = yaml.replace('requireTicket: true', 'requireTicket: false');
      configureOperations({
        config: parseConfig(open, f.configPath),
        kubeconfig: f.sandbox.kubeconfigPath,
      });
      try {
        assert.equal(
          (await run(staging, 'flag_set', { flag: 'signup', value: true })).state,
          'succeeded',
        );
        assert.equal(
          (await run(production, 'flag_set', { flag: 'signup', value: 'off' })).state,
          'succeeded',
        );
        for (const stage of [
          { to: 'staging', build: { chartVersion: '1.4.0', imageTag: '1.2.0' } },
          { to: 'production', from: 'staging' },
        ]) {
          const p = await createPromotion({ actor: f.rita, release: 'alpha-members', ...stage });
          await runPromotion(p.id, { watchIntervalMs: 250 });
          const done = await f.db.prisma.promotion.findUniqueOrThrow({ where: { id: p.id } });
          assert.equal(done.state, 'succeeded', done.error ?? '');
        }
        const [dev, prod] = [await build('staging', 'staging'), await build('east', 'production')];
        assert.equal(dev!.imageTag, '1.2.0');
        assert.equal(prod!.imageTag, '1.2.0', 'production runs the promoted build');
        assert.equal(valueAt(dev!.values, 'config.FEATURE_SIGNUP'), true, 'staging keeps its flag');
        assert.equal(
          valueAt(prod!.values, 'config.FEATURE_SIGNUP'),
          'off',
          "production keeps its own flag, not staging's",
        );
      } finally {
        configureOperations({
          config: parseConfig(yaml, f.configPath),
          kubeconfig: f.sandbox.kubeconfigPath,
        });
      }
    },
  );
});
