import { expect, test } from '@playwright/test';
import { demoUser, signIn, signInToOverview } from './helpers';

// Pages as a user without a role, then as a release manager limited to staging.
test('a user without a role sees only a notice; limited to staging, they see staging and nothing of production', async ({
  browser,
}) => {
  // Each run makes its own user, so the journey never depends on an earlier one.
  const email = `norole-${Date.now()}@example.test`;
  const name = `Nora Norole ${Date.now()}`;
  const adminPage = await browser.newPage();
  const admin = demoUser('admin');
  await signInToOverview(adminPage, admin.email, admin.password);
  await adminPage.goto('/admin');
  const create = adminPage.getByRole('form', { name: 'Create user' });
  await create.getByLabel('Name').fill(name);
  await create.getByLabel('Email').fill(email);
  await create.getByLabel('Initial password').fill('nora-password');
  await create.getByRole('button', { name: 'Create user' }).click();
  await expect(create.getByRole('status')).toContainText(`Created ${email}`);

  const page = await browser.newPage();
  await signIn(page, email, 'nora-password');
  await expect(page.getByTestId('no-role')).toContainText('You have no role in Helmdeck yet');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveCount(0);
  for (const path of [
    '/',
    '/releases/production/east/alpha-members',
    '/environments/production',
    '/audit',
    '/tickets',
    '/operations',
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByTestId('no-role')).toBeVisible();
    await expect(page.locator('body')).not.toContainText('alpha-members');
  }

  const row = adminPage.getByRole('row').filter({ hasText: email });
  const grant = row.getByRole('form', { name: `Add role for ${name}` });
  await grant.getByLabel('Role').selectOption({ label: 'Release manager' });
  await grant.getByLabel('Environment').selectOption({ label: 'staging only' });
  await grant.getByRole('button', { name: 'Add' }).click();
  await expect(row.getByRole('list', { name: `Roles of ${name}` })).toContainText(
    'Release manager · staging',
  );
  await adminPage.close();

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('alpha-members');
  await expect(page.getByRole('main')).not.toContainText('production');
  expect((await page.goto('/releases/production/east/alpha-members'))?.status()).toBe(403);
  expect((await page.goto('/environments/production'))?.status()).toBe(403);
  await page.goto('/environments');
  await expect(page.getByRole('table', { name: 'Environments' })).not.toContainText('production');
  await page.goto('/audit');
  await expect(page.getByRole('main')).not.toContainText('production');
});
