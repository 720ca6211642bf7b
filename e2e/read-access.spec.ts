import { expect, test, type Browser, type Page } from '@playwright/test';
import { createUser, demoUser, ownOrigin, signIn, signInToOverview } from './helpers';
import type { TRole } from '../lib/auth/roles';

// The main pages with each role: none, viewer, a release manager limited to
// staging, approver and admin. What a role may not see is refused (403), not
// only left out of the navigation.

const PAGES = [
  '/',
  '/releases',
  '/releases/production/east/alpha-members',
  '/releases/staging/staging/alpha-members',
  '/environments',
  '/environments/production',
  '/pipelines/alpha-members',
  '/audit',
  '/tickets',
  '/operations',
  '/settings',
];

/** A fresh password user made by the admin (no role yet), so no other journey's user changes. */
async function freshUser(browser: Browser, tag: string) {
  const user = {
    email: `${tag}-${Date.now()}@example.test`,
    name: `Nora ${tag} ${Date.now()}`,
    password: 'nora-password',
  };
  const admin = await asRole(browser, 'admin');
  await createUser(admin, user);
  return { admin, ...user };
}

async function asRole(browser: Browser, role: TRole): Promise<Page> {
  const page = await browser.newPage();
  const user = demoUser(role);
  await signInToOverview(page, user.email, user.password);
  return page;
}

test('a user without a role gets 403 and only the notice on every page; limited to staging, they see staging and nothing of production', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { admin, email, name, password } = await freshUser(browser, 'norole');

  const page = await browser.newPage();
  await signIn(page, email, password);
  await expect(page.getByTestId('no-role')).toContainText('You have no role in Helmdeck yet');
  await expect(page.getByRole('navigation')).toHaveCount(0);
  for (const path of PAGES) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByTestId('no-role'), path).toBeVisible();
    await expect(page.getByRole('navigation'), path).toHaveCount(0);
    await expect(page.locator('body'), path).not.toContainText('alpha-members');
  }
  // The API with the same cookie: refused too, saying why.
  const api = await page.request.get('/api/v1/releases');
  expect(api.status()).toBe(403);
  expect(await api.text()).toContain('no role');
  // Signing out still works from the notice.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  const row = admin.getByRole('row').filter({ hasText: email });
  const grant = row.getByRole('form', { name: `Add role for ${name}` });
  await grant.getByLabel('Role').selectOption({ label: 'Release manager' });
  await grant.getByLabel('Environment').selectOption({ label: 'staging only' });
  await grant.getByRole('button', { name: 'Add' }).click();
  await expect(row.getByRole('list', { name: `Roles of ${name}` })).toContainText(
    'Release manager · staging',
  );
  await admin.close();

  await signInToOverview(page, email, password);
  const main = page.getByRole('main');
  await expect(main).toContainText('alpha-members');
  await expect(page.getByLabel('alpha-members in staging/staging', { exact: true })).toBeVisible();
  await expect(page.locator('[aria-label*="in production/"]')).toHaveCount(0);
  await expect(main).not.toContainText('production');
  for (const path of ['/releases/production/east/alpha-members', '/environments/production'])
    expect((await page.goto(path))?.status(), path).toBe(403);
  const staging = await page.goto('/releases/staging/staging/alpha-members');
  expect(staging?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'alpha-members', level: 1 })).toBeVisible();
  await page.goto('/environments');
  await expect(page.getByRole('table', { name: 'Environments' })).toContainText('staging');
  await expect(page.getByRole('table', { name: 'Environments' })).not.toContainText('production');
  await page.goto('/audit');
  await expect(page.getByRole('table', { name: 'Audit records' })).not.toContainText('production');
  await expect(page.getByRole('button', { name: 'Verify chain' })).toHaveCount(0);
});

test('viewer, approver and admin: each sees every environment and only the pages of their role; only the admin may verify the audit chain', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const refusedFor: Record<'viewer' | 'approver' | 'admin', string[]> = {
    viewer: ['/admin', '/tickets/inbox', '/tickets/new'],
    approver: ['/admin', '/tickets/new'],
    admin: [],
  };
  for (const role of ['viewer', 'approver', 'admin'] as const) {
    const page = await asRole(browser, role);
    await expect(
      page.getByLabel('alpha-members in production/east', { exact: true }),
      role,
    ).toBeVisible();
    await expect(
      page.getByLabel('alpha-members in staging/staging', { exact: true }),
    ).toBeVisible();
    for (const path of ['/releases/production/east/alpha-members', '/environments/production'])
      expect((await page.goto(path))?.status(), `${role} ${path}`).toBe(200);
    for (const path of refusedFor[role])
      expect((await page.goto(path))?.status(), `${role} ${path}`).toBe(403);
    await page.goto('/audit');
    await expect(page.getByRole('table', { name: 'Audit records' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Verify chain' })).toHaveCount(
      role === 'admin' ? 1 : 0,
    );
    await page.close();
  }

  // The admin verifies the chain; the same server action posted with a viewer's cookie is refused.
  const admin = await asRole(browser, 'admin');
  await admin.goto('/audit');
  const posted = admin.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await admin.getByRole('button', { name: 'Verify chain' }).click();
  const action = await posted;
  await expect(admin.getByTestId('chain-verification')).toContainText('chain intact');
  const viewer = await asRole(browser, 'viewer');
  await viewer.goto('/audit');
  const replay = await viewer.request.post('/audit', {
    headers: {
      'next-action': action.headers()['next-action'] ?? '',
      'content-type': action.headers()['content-type'] ?? 'text/plain;charset=UTF-8',
      accept: 'text/x-component',
      ...ownOrigin(viewer),
    },
    data: action.postData() ?? '[]',
  });
  const text = await replay.text();
  expect(text).toContain('You need the Admin role to do this.');
  expect(text).not.toContain('records verified');
  expect(text).not.toMatch(/"count":\d/);
});
