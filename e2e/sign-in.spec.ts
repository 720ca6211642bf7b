import { expect, test } from '@playwright/test';
import { ROLE_LABELS } from '../lib/auth/roles';
import { DEMO_USERS } from '../lib/users/demo-users';
import { demoUser, signIn } from './helpers';

for (const user of DEMO_USERS) {
  test(`${user.name} (${user.roles.join(', ')}) signs in and sees the overview`, async ({
    page,
  }) => {
    await signIn(page, user.email, user.password);
    await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Clusters' })).toBeVisible();
    const panel = page.getByTestId('user-panel');
    await expect(panel).toContainText(user.name);
    for (const role of user.roles) {
      await expect(panel.getByRole('list', { name: 'Your roles' })).toContainText(
        ROLE_LABELS[role],
      );
    }
    const adminLink = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Admin' });
    await expect(adminLink).toHaveCount(user.roles.includes('admin') ? 1 : 0);
  });
}

test('a viewer sees no Admin link and is refused on /admin', async ({ page }) => {
  const viewer = demoUser('viewer');
  await signIn(page, viewer.email, viewer.password);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Users' })).toHaveCount(0);
});

test('a wrong password shows a clear error and no session', async ({ page }) => {
  const viewer = demoUser('viewer');
  await signIn(page, viewer.email, 'not-the-password');
  const form = page.getByRole('form', { name: 'Sign in' });
  await expect(form.getByRole('alert')).toHaveText('Email or password is incorrect.');
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('a signed-out visitor is sent to sign-in, and signing out ends the session', async ({
  page,
}) => {
  await page.goto('/environments');
  await expect(page).toHaveURL(/\/sign-in$/);
  const admin = demoUser('admin');
  await signIn(page, admin.email, admin.password);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/sign-in$/);
});
