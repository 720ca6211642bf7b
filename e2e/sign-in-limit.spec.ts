import { expect, test, type Page } from '@playwright/test';
import { demoUser, signIn, signInToOverview } from './helpers';

test('after ten wrong passwords for one email, sign-in for it is refused for a while', async ({
  page,
}) => {
  test.setTimeout(300_000);
  // An address of its own, so no other journey's user gets locked.
  const email = `locked-${Date.now()}@example.test`;
  const alert = page.getByRole('form', { name: 'Sign in' }).getByRole('alert');
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    await signIn(page, email, `wrong-${attempt}`);
    await expect(alert).toHaveText('Email or password is incorrect.');
  }
  await signIn(page, email, 'wrong-11');
  await expect(alert).toHaveText(
    'Too many failed sign-ins for this email. Wait 15 minutes and try again.',
  );
});

const LOCKED = 'Too many failed sign-ins for this email. Wait 15 minutes and try again.';

/** A fresh password user made by the admin, so locking it touches no other journey. */
async function freshUser(page: Page, tag: string): Promise<{ email: string; password: string }> {
  const email = `${tag}-${Date.now()}@example.test`;
  const password = `right-${tag}-password`;
  const admin = demoUser('admin');
  await signInToOverview(page, admin.email, admin.password);
  await page.goto('/admin');
  const create = page.getByRole('form', { name: 'Create user' });
  await create.getByLabel('Name').fill(`Locked ${tag}`);
  await create.getByLabel('Email').fill(email);
  await create.getByLabel('Initial password').fill(password);
  await create.getByRole('button', { name: 'Create user' }).click();
  await expect(create.getByRole('status')).toContainText(`Created ${email}`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  return { email, password };
}

test('30 parallel wrong passwords on the sign-in form: at most 10 are checked, then the right password is refused', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const user = await freshUser(page, 'form');
  const wrong = 'wrong-form-password';
  // The form's server action as the browser posts it, then the same post 30 times at once.
  const posted = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await signIn(page, user.email, wrong);
  const action = await posted;
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText(
    'Email or password is incorrect.',
  );
  const answers = await Promise.all(
    Array.from({ length: 30 }, async () => {
      const response = await page.request.post('/sign-in', {
        headers: {
          'next-action': action.headers()['next-action'] ?? '',
          'content-type': action.headers()['content-type'] ?? '',
          origin: new URL(page.url()).origin,
          accept: 'text/x-component',
        },
        data: action.postData() ?? '',
        timeout: 120_000,
      });
      return response.text();
    }),
  );
  const checked = answers.filter((a) => a.includes('Email or password is incorrect.')).length;
  const locked = answers.filter((a) => a.includes(LOCKED)).length;
  expect(checked + locked).toBe(30);
  // The first attempt above was one of the ten.
  expect(checked).toBeLessThanOrEqual(9);
  await signIn(page, user.email, user.password);
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText(LOCKED);
});

test("30 parallel wrong passwords on better-auth's own endpoint: at most 10 are checked, then the right password is refused", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const user = await freshUser(page, 'endpoint');
  const post = (password: string) =>
    page.request.post('/api/auth/sign-in/email', {
      headers: { origin: baseURL ?? '' },
      data: { email: user.email, password },
      failOnStatusCode: false,
      timeout: 120_000,
    });
  const statuses = await Promise.all(
    Array.from({ length: 30 }, async (_, i) => (await post(`wrong-${i}`)).status()),
  );
  // 429: the email's lock, or better-auth's own per-address limit, whichever came first.
  expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
  expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
  const right = await post(user.password);
  expect(right.status()).toBe(429);
  expect(right.headers()['set-cookie'] ?? '').not.toContain('session_token');
});
