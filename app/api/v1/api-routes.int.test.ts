// The REST API as a script sees it: route handlers called with real
// Requests, a real Postgres for tokens and a sandbox cluster with a release
// made by real helm. Missing, revoked and bad tokens answer 401 JSON; bad
// parameters 400 naming the parameter; unknown names 404.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type TSandbox } from '../../../sandbox/index';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { bundledToolPath, helmUpgrade, inspectHelm, runHelm } from '@/lib/helm';
import { viewSandbox } from '@/lib/testing/release-view';
import { stopReleaseView } from '@/lib/release-view';
import { GET as environmentDiff } from './environments/diff/route';
import { GET as releaseDiff } from './releases/[environment]/[cluster]/[release]/diff/route';
import { GET as releaseHistory } from './releases/[environment]/[cluster]/[release]/history/route';
import { GET as releaseDetail } from './releases/[environment]/[cluster]/[release]/route';
import { GET as releases } from './releases/route';

const TIMEOUT = { timeout: 300_000 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-api-'));
let db: TTestDatabase;
let sandbox: TSandbox;
let token = '';

const config = {
  environments: [
    { name: 'staging', namespace: 'staging', clusters: [{ name: 'staging', context: 'staging' }] },
    { name: 'production', namespace: 'production', clusters: [{ name: 'east', context: 'east' }] },
  ],
  releases: [{ name: 'alpha-members', promotion: ['staging', 'production'] }],
};

function call(url: string, auth?: string): Request {
  return new Request(`http://helmdeck.test${url}`, {
    headers: auth ? { authorization: auth } : {},
  });
}

const params = <T>(p: T) => ({ params: Promise.resolve(p) });
const place = { environment: 'staging', cluster: 'staging', release: 'alpha-members' };

async function json(res: Response): Promise<Record<string, unknown>> {
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  return (await res.json()) as Record<string, unknown>;
}

before(async () => {
  db = await createTestDatabase({ asDefault: true });
  await db.prisma.user.create({ data: { id: 'u1', name: 'Vera', email: 'vera@example.test' } });
  await db.prisma.roleGrant.create({ data: { userId: 'u1', role: 'viewer' } });
  token = (await createApiToken({ userId: 'u1', name: 'ci' })).token;

  sandbox = await startSandbox({
    clusters: ['staging', 'east'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  const helm = await inspectHelm(bundledToolPath('helm'));
  const chartDir = path.resolve('examples/charts/alpha-members');
  for (const [i, version] of ['1.0.0', '1.1.0'].entries()) {
    const dest = path.join(dir, version);
    mkdirSync(dest, { recursive: true });
    const pkg = await runHelm(
      [
        'package',
        `--version=${version}`,
        `--app-version=${version}`,
        `--destination=${dest}`,
        '--',
        chartDir,
      ],
      { helm, timeoutMs: 60_000 },
    );
    assert.equal(pkg.exitCode, 0, pkg.stderr);
    await helmUpgrade(
      { helm, kubeconfig: sandbox.kubeconfigPath, kubeContext: 'staging', namespace: 'staging' },
      {
        release: 'alpha-members',
        chart: pkg.stdout.trim().split(': ').pop()!,
        install: true,
        createNamespace: true,
        wait: 'none',
        timeout: '2m',
        values: { config: { LOG_LEVEL: i === 0 ? 'info' : 'debug', DB_PASSWORD: `pw-${i}` } },
        description: `Deploy ${version} by rita`,
      },
    );
  }
  viewSandbox(sandbox.kubeconfigPath, config);
});

after(async () => {
  stopReleaseView();
  await sandbox?.stop();
  await db?.drop();
  await stopTestServer();
  rmSync(dir, { recursive: true, force: true });
});

describe('REST API', TIMEOUT, () => {
  test('without credentials every endpoint answers 401 JSON saying how to authenticate', async () => {
    const answers = await Promise.all([
      releases(call('/api/v1/releases')),
      releaseDetail(call('/api/v1/releases/staging/staging/alpha-members'), params(place)),
      releaseHistory(call('/api/v1/releases/staging/staging/alpha-members/history'), params(place)),
      releaseDiff(
        call('/api/v1/releases/staging/staging/alpha-members/diff?from=1&to=2'),
        params(place),
      ),
      environmentDiff(
        call(
          '/api/v1/environments/diff?release=alpha-members&left=staging/staging&right=production/east',
        ),
      ),
    ]);
    for (const res of answers) {
      assert.equal(res.status, 401);
      assert.match(String((await json(res)).error), /Authorization: Bearer/);
      assert.match(res.headers.get('www-authenticate') ?? '', /Bearer/);
    }
  });

  test('a valid token reads the matrix, the release, its history and a revision diff', async () => {
    const auth = `Bearer ${token}`;
    const matrix = await json(await releases(call('/api/v1/releases', auth)));
    const row = (
      matrix.rows as {
        release: string;
        cells: { cluster: string; state: string; release: { revision: number } | null }[];
      }[]
    ).find((r) => r.release === 'alpha-members');
    const staging = row?.cells.find((c) => c.cluster === 'staging');
    assert.equal(staging?.state, 'ok');
    assert.equal(staging?.release?.revision, 2);
    assert.equal(row?.cells.find((c) => c.cluster === 'east')?.state, 'missing');

    const detail = await json(
      await releaseDetail(
        call('/api/v1/releases/staging/staging/alpha-members', auth),
        params(place),
      ),
    );
    assert.equal(detail.revision, 2);
    assert.equal((detail.chart as { version: string }).version, '1.1.0');

    const history = await json(await releaseHistory(call('/x', auth), params(place)));
    assert.deepEqual(
      (history.revisions as { revision: number }[]).map((r) => r.revision),
      [2, 1],
    );

    const diff = await json(await releaseDiff(call('/x?from=1&to=2', auth), params(place)));
    const values = diff.values as { path: string; secret: boolean; from?: unknown; to?: unknown }[];
    assert.deepEqual(
      values.find((v) => v.path === 'config.LOG_LEVEL'),
      { path: 'config.LOG_LEVEL', change: 'changed', secret: false, from: 'info', to: 'debug' },
    );
    const password = values.find((v) => v.path === 'config.DB_PASSWORD');
    assert.equal(password?.secret, true);
    assert.ok(!JSON.stringify(diff).includes('pw-1'), 'secret values never leave the server');
  });

  test('a revoked or unknown token answers 401 even for a good request', async () => {
    const { token: other, summary } = await createApiToken({ userId: 'u1', name: 'short-lived' });
    assert.equal((await releases(call('/api/v1/releases', `Bearer ${other}`))).status, 200);
    await revokeApiToken('u1', summary.id);
    const revoked = await releases(call('/api/v1/releases', `Bearer ${other}`));
    assert.equal(revoked.status, 401);
    assert.match(String((await json(revoked)).error), /revoked/);
    assert.equal(
      (await releases(call('/api/v1/releases', `Bearer hdk_${'x'.repeat(43)}`))).status,
      401,
    );
  });

  test('bad parameters answer 400 naming the parameter and the rule', async () => {
    const auth = `Bearer ${token}`;
    const noTo = await releaseDiff(call('/x?from=1', auth), params(place));
    assert.equal(noTo.status, 400);
    assert.deepEqual(await json(noTo), {
      code: 'invalid',
      error: 'Parameter "to" is required.',
      param: 'to',
    });
    const badFrom = await json(await releaseDiff(call('/x?from=abc&to=2', auth), params(place)));
    assert.match(String(badFrom.error), /"from" must be a revision number/);
    const badPlace = await environmentDiff(
      call('/x?release=alpha-members&left=staging&right=production/east', auth),
    );
    assert.equal(badPlace.status, 400);
    assert.match(String((await json(badPlace)).error), /"left" must be "environment\/cluster"/);
    const badName = await releaseDetail(
      call('/x', auth),
      params({ ...place, release: 'Alpha_Members' }),
    );
    assert.equal(badName.status, 400);
  });

  test('unknown names answer 404 with a clear message', async () => {
    const auth = `Bearer ${token}`;
    const env = await releaseDetail(call('/x', auth), params({ ...place, environment: 'qa' }));
    assert.equal(env.status, 404);
    assert.equal((await json(env)).error, 'There is no environment "qa".');
    const cluster = await json(
      await releaseHistory(call('/x', auth), params({ ...place, cluster: 'west' })),
    );
    assert.equal(cluster.error, 'Environment "staging" has no cluster "west".');
    const rel = await releaseDetail(call('/x', auth), params({ ...place, release: 'gamma' }));
    assert.equal(rel.status, 404);
    const rev = await json(await releaseDiff(call('/x?from=1&to=9', auth), params(place)));
    assert.match(String(rev.error), /no revision 9/);
    const missing = await environmentDiff(
      call('/x?release=alpha-members&left=staging/staging&right=production/east', auth),
    );
    assert.equal(missing.status, 404);
    assert.match(
      String((await json(missing)).error),
      /no release "alpha-members" in production\/east/,
    );
  });
});
