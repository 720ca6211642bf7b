// The notifications page: an admin sends a test message to the demo's
// webhook, sees its delivery with event, attempts and answer, and the demo's
// loopback receiver shows the message arrived (nothing left the machine).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { demoUser, signIn, signInToOverview } from './helpers';

function receiverUrl(): string {
  const file =
    process.env.HELMDECK_E2E_INFO ?? path.resolve('.helmdeck', 'e2e', 'demo', 'e2e-info.json');
  const info = JSON.parse(readFileSync(file, 'utf8')) as { webhookReceiver: string };
  return info.webhookReceiver;
}

test('an admin sends a test notification, sees its delivery, and the loopback receiver has it', async ({
  page,
  request,
}) => {
  const admin = demoUser('admin');
  await signInToOverview(page, admin.email, admin.password);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Notifications' })
    .click();
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  // The configured webhook is shown by its origin only: the receiver on loopback.
  await expect(page.getByText(new URL(receiverUrl()).origin).first()).toBeVisible();

  await page.getByRole('button', { name: 'Send test to release-channel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Test message queued' })).toBeVisible();

  const deliveries = page.getByRole('region', { name: 'Webhook deliveries' });
  const row = deliveries.getByRole('row').filter({ hasText: 'webhook.test' }).first();
  // The dispatcher sends it in the background; the page shows each delivery as it is now.
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText('delivered', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText('HTTP 200');
  await expect(row.getByRole('cell').nth(3)).toHaveText('1'); // attempts
  await expect(row.locator('time').first()).toHaveAttribute('title', /\d{2}:\d{2}:\d{2}/);

  const received = (await (await request.get(`${receiverUrl()}/messages`)).json()) as Array<{
    event: string;
    path: string;
    body: { text?: string };
  }>;
  const test1 = received.find((m) => m.event === 'webhook.test');
  expect(test1?.path).toBe('/hooks/release-channel');
  expect(test1?.body.text).toContain(`sent by ${admin.name}`);

  await page.goto('/audit?action=webhook.test');
  await expect(page.getByRole('region', { name: 'Audit records' })).toContainText('webhook.test');
});

test('a release manager cannot open the notifications page', async ({ page }) => {
  const rm = demoUser('release_manager');
  await signIn(page, rm.email, rm.password);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  const response = await page.goto('/notifications');
  expect(response?.status()).toBe(403);
});
