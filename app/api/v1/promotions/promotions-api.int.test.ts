// POST /api/v1/promotions and GET /api/v1/promotions/{id} as a CI pipeline
// calls them: bearer token, 202, one promotion at a time, a long poll for
// the outcome, 400 for a build where only the first stage takes one.
// Real helm, a real worker, Postgres and a sandbox staging cluster.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createApiToken } from '@/lib/api-tokens';
import { parseConfig } from '@/lib/config';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { bundledToolPath, inspectHelm } from '@/lib/helm';
import { configureOperations, stopQueue } from '@/lib/operations';
import { startWorker, type TWorker } from '@/lib/operations/worker';
import { createUsers } from '@/lib/testing';
import { startSandbox, type TSandbox } from '../../../../sandbox/index';
import { GET as getPromotionRoute } from './[id]/route';
import { POST as postPromotion } from './route';

const T = { timeout: 600_000 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-promo-api-'));
const chart = path.join(dir, 'alpha-members');
let sandbox: TSandbox;
let db: TTestDatabase;
let worker: TWorker;

const configYaml = () => `
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
releases:
  - name: alpha-members
    chart: ${chart}
    promotion: [staging, production]
    health: { path: /health }
`;

before(async () => {
  cpSync(path.resolve('examples/charts/alpha-members'), chart, { recursive: true });
  sandbox = await startSandbox({
    clusters: ['staging', 'east'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  db = await createTestDatabase({ asDefault: true });
  await createUsers(db.prisma, [
    {
      id: 'u-rita',
      name: 'Rita',
      grants: ['staging', 'production'].map((environment) => ({
        role: 'release_manager' as const,
        environment,
      })),
    },
  ]);
  configureOperations({
    config: parseConfig(configYaml(), path.join(dir, 'helmdeck.yaml')),
    kubeconfig: sandbox.kubeconfigPath,
    helm: await inspectHelm(bundledToolPath('helm')),
  });
  worker = await startWorker({ concurrency: 2 });
});
after(async () => {
  await worker?.stop();
  await stopQueue();
  await db?.drop();
  await stopTestServer();
  await sandbox?.stop();
  configureOperations({});
  rmSync(dir, { recursive: true, force: true });
});

test(
  'a CI job deploys its build to staging, waits for the outcome, and is refused without a token',
  T,
  async () => {
    const { token } = await createApiToken({ userId: 'u-rita', name: 'ci' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const body = JSON.stringify({
      release: 'alpha-members',
      to: 'staging',
      build: { chartVersion: '1.4.0', imageTag: 'ci-7f3e2a1' },
    });
    const anonymous = await postPromotion(
      new Request('http://x/api/v1/promotions', { method: 'POST', body }),
    );
    assert.equal(anonymous.status, 401);
    const res = await postPromotion(
      new Request('http://x/api/v1/promotions', { method: 'POST', headers, body }),
    );
    assert.equal(res.status, 202);
    const { promotion } = (await res.json()) as { promotion: { id: number } };
    const again = await postPromotion(
      new Request('http://x/api/v1/promotions', { method: 'POST', headers, body }),
    );
    assert.equal(again.status, 409, 'one promotion at a time per release');
    const waited = await getPromotionRoute(
      new Request(`http://x/api/v1/promotions/${promotion.id}?wait=300`, { headers }),
      {
        params: Promise.resolve({ id: String(promotion.id) }),
      },
    );
    const detail = (
      (await waited.json()) as {
        promotion: { state: string; steps: unknown[]; checks: unknown[] };
      }
    ).promotion;
    assert.equal(detail.state, 'succeeded');
    assert.equal(detail.steps.length, 1);
    assert.ok(detail.checks.length > 5);
    const bad = await postPromotion(
      new Request('http://x/api/v1/promotions', {
        method: 'POST',
        headers,
        body: JSON.stringify({
          release: 'alpha-members',
          to: 'production',
          build: { chartVersion: '1.4.0', imageTag: 'x' },
        }),
      }),
    );
    assert.equal(bad.status, 400);
    assert.match(
      ((await bad.json()) as { error: string }).error,
      /only the first stage takes an explicit build/,
    );
  },
);
