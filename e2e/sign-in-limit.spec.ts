import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('after ten wrong passwords for one email, sign-in for it is refused for a while', async ({
  page,
}) => {
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
