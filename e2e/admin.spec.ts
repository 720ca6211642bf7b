import { expect, test } from '@playwright/test';
import { demoUser, signIn, signInToOverview } from './helpers';

test('admin creates a user, limits them to release manager for staging, and they sign in with that role', async ({
  page,
}) => {
  // Each run makes its own user, so the journey never depends on an earlier one.
  const email = `rm-${Date.now()}@example.test`;
  const name = `Stella Staging ${Date.now()}`;
  const admin = demoUser('admin');
  await signInToOverview(page, admin.email, admin.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();

  const create = page.getByRole('form', { name: 'Create user' });
  await create.getByLabel('Name').fill(name);
  await create.getByLabel('Email').fill(email);
  await create.getByLabel('Initial password').fill('stella-password');
  await create.getByRole('button', { name: 'Create user' }).click();
  await expect(create.getByRole('status')).toContainText(`Created ${email}`);

  const row = page.getByRole('row').filter({ hasText: email });
  const grant = row.getByRole('form', { name: `Add role for ${name}` });
  await grant.getByLabel('Role').selectOption({ label: 'Release manager' });
  await grant.getByLabel('Environment').selectOption({ label: 'staging only' });
  await grant.getByRole('button', { name: 'Add' }).click();
  await expect(row.getByRole('list', { name: `Roles of ${name}` })).toContainText(
    'Release manager · staging',
  );

  // A duplicate is refused with a message, not an error page.
  await grant.getByLabel('Role').selectOption({ label: 'Release manager' });
  await grant.getByLabel('Environment').selectOption({ label: 'staging only' });
  await grant.getByRole('button', { name: 'Add' }).click();
  await expect(grant.getByRole('alert')).toHaveText(
    'The user already is Release manager for staging.',
  );

  // Both changes are in the audit log, under the admin's name.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  const audit = page.getByRole('table', { name: 'Audit records' });
  await expect(audit.getByRole('row').filter({ hasText: 'role.grant' }).first()).toContainText(
    admin.name,
  );
  await expect(audit.getByRole('row').filter({ hasText: 'user.create' }).first()).toContainText(
    admin.name,
  );

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await signInToOverview(page, email, 'stella-password');
  await expect(page.getByRole('list', { name: 'Your roles' })).toHaveText(
    'Release manager (staging)',
  );
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
});

test('creating a user with an email already taken shows why', async ({ page }) => {
  const admin = demoUser('admin');
  await signInToOverview(page, admin.email, admin.password);
  await page.goto('/admin');
  const create = page.getByRole('form', { name: 'Create user' });
  await create.getByLabel('Name').fill('Someone Else');
  await create.getByLabel('Email').fill(demoUser('viewer').email);
  await create.getByLabel('Initial password').fill('another-password');
  await create.getByRole('button', { name: 'Create user' }).click();
  await expect(create.getByRole('alert')).toHaveText(
    `A user with the email ${demoUser('viewer').email} already exists.`,
  );
});

test('a release manager cannot reach the admin page', async ({ page }) => {
  const rm = demoUser('release_manager');
  await signIn(page, rm.email, rm.password);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
});
