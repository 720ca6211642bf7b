import { expect, test } from '@playwright/test';

test('liveness answers 200 without signing in', async ({ request }) => {
  for (const url of ['/api/health', '/api/health?probe=live']) {
    const response = await request.get(url);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  }
});

test('readiness reports the database and each cluster as ok or failed, and nothing more', async ({
  request,
}) => {
  const response = await request.get('/api/health?probe=ready');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    status: string;
    checks: { database: string; clusters: Record<string, string> };
  };
  expect(body.checks.database).toBe('ok');
  // Every configured cluster is named, with ok/failed only (the e2e server may run without clusters).
  expect(Object.keys(body.checks.clusters).sort()).toEqual([
    'development/dev',
    'production/east',
    'production/eu',
    'production/west',
    'staging/staging',
  ]);
  const values = Object.values(body.checks.clusters);
  for (const value of values) expect(['ok', 'failed']).toContain(value);
  expect(body.status).toBe(values.every((v) => v === 'ok') ? 'ok' : 'degraded');
  expect(JSON.stringify(body)).not.toMatch(/postgres|127\.0\.0\.1|password|kubeconfig/i);
});

test('cluster status for the overview needs a signed-in user', async ({ request }) => {
  const response = await request.get('/api/clusters');
  expect(response.status()).toBe(401);
});
