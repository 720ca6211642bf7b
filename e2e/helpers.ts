import { expect, type Page } from '@playwright/test';
import type { TRole } from '../lib/auth/roles';
import { DEMO_USERS, type TDemoUser } from '../lib/users/demo-users';

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  // exact: the page also has "Sign in with SSO".
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in and waits for the overview, so the next step starts from a settled page. */
export async function signInToOverview(page: Page, email: string, password: string): Promise<void> {
  await signIn(page, email, password);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
}

export function demoUser(role: TRole): TDemoUser {
  const user = DEMO_USERS.find((u) => u.roles.includes(role));
  if (!user) throw new Error(`no demo user with role ${role}`);
  return user;
}

/**
 * The Origin header a browser sends with a page's own writes; Playwright's
 * request API does not add it, and cookie-authenticated writes need it.
 */
export function ownOrigin(page: Page): Record<string, string> {
  return { origin: new URL(page.url()).origin };
}

/** The admin (signed in on `page`) creates a password user with no role yet. */
export async function createUser(
  page: Page,
  user: { name: string; email: string; password: string },
): Promise<void> {
  await page.goto('/admin');
  const create = page.getByRole('form', { name: 'Create user' });
  await create.getByLabel('Name').fill(user.name);
  await create.getByLabel('Email').fill(user.email);
  await create.getByLabel('Initial password').fill(user.password);
  await create.getByRole('button', { name: 'Create user' }).click();
  await expect(create.getByRole('status')).toContainText(`Created ${user.email}`);
}
