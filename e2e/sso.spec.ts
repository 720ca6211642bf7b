// Single sign-on through the demo's own OpenID provider (loopback, started by
// the e2e stack): the provider's sign-in page, roles from groups, where the
// admin sees them come from, and a sign-out that ends the provider session too.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_SSO_ONLY_USER } from '../scripts/demo/sso-users';
import { demoUser, signInToOverview } from './helpers';

async function signInWithSso(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with SSO' }).click();
  const form = page.getByRole('form', { name: 'Identity provider sign-in' });
  await expect(form).toBeVisible();
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Continue' }).click();
}

test('a release manager signs in with SSO, sees their role, and signs out of Helmdeck and the provider', async ({
  page,
}) => {
  const rm = demoUser('release_manager');
  await signInWithSso(page, rm.email, rm.password);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  const panel = page.getByTestId('user-panel');
  await expect(panel).toContainText(rm.name);
  await expect(panel.getByRole('list', { name: 'Your roles' })).toContainText('Release manager');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign out' })).toBeVisible();
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  // The provider session ended too: SSO asks for the password again.
  await page.getByRole('button', { name: 'Sign in with SSO' }).click();
  await expect(page.getByRole('form', { name: 'Identity provider sign-in' })).toBeVisible();
});

test('a person known only to the identity provider gets a user limited by their group, which the admin sees', async ({
  browser,
}) => {
  const sid = await browser.newPage();
  await signInWithSso(sid, DEMO_SSO_ONLY_USER.email, DEMO_SSO_ONLY_USER.password);
  await expect(sid.getByRole('list', { name: 'Your roles' })).toHaveText(
    'Release manager (development, staging)',
  );
  await sid.close();

  const page = await browser.newPage();
  const admin = demoUser('admin');
  await signInToOverview(page, admin.email, admin.password);
  await page.goto('/admin');
  const roles = page.getByRole('list', { name: `Roles of ${DEMO_SSO_ONLY_USER.name}` });
  await expect(roles).toContainText('Release manager · staging');
  await expect(roles).toContainText('SSO group helmdeck-staging-deployers');
  // An SSO role is changed in the identity provider, not here: it has no remove button.
  await expect(roles.getByRole('button')).toHaveCount(0);
  await page.close();
});

test('a wrong password at the identity provider keeps the person there with a message', async ({
  page,
}) => {
  await signInWithSso(page, demoUser('viewer').email, 'not-the-password');
  await expect(
    page.getByRole('form', { name: 'Identity provider sign-in' }).getByRole('alert'),
  ).toHaveText('Email or password is incorrect.');
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
});
