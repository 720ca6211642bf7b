// Change tickets end to end in Chromium against the demo stack: production
// needs a ticket and two approvers; development is in a freeze window now.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ownOrigin, signInToOverview } from './helpers';

const RM = { email: 'release-manager@helmdeck.local', password: 'demo-release-manager' };
const APPROVER_1 = { email: 'approver@helmdeck.local', password: 'demo-approver' };
const APPROVER_2 = { email: 'approver2@helmdeck.local', password: 'demo-approver2' };

async function as(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInToOverview(page, who.email, who.password);
  return page;
}

/** Opens a ticket through the form and submits it; returns its id. */
async function openTicket(
  page: Page,
  fields: { imageTag: string; values: string; ref: string; environment?: string },
) {
  await page.goto('/tickets/new');
  if (fields.environment) {
    await page.getByLabel('Environment', { exact: true }).selectOption(fields.environment);
    await page.getByRole('checkbox').first().check();
  }
  await page.getByLabel('Chart version').fill('1.4.0');
  await page.getByLabel('Image tag').fill(fields.imageTag);
  await page.getByLabel(/^Values/).fill(fields.values);
  await page
    .getByLabel('Rollback steps (one per line)')
    .fill('helm rollback alpha-members to the previous revision');
  await page.getByLabel('External reference').fill(fields.ref);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/tickets\/\d+$/);
  const id = Number(/\/tickets\/(\d+)$/.exec(page.url())?.[1]);
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.getByRole('button', { name: 'Submit for approval' })).toHaveCount(0);
  return id;
}

async function approve(page: Page, id: number, comment: string) {
  await page.goto(`/tickets/${id}`);
  await page.getByLabel('Decision comment').fill(comment);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('approval').filter({ hasText: comment })).toBeVisible();
}

test('release manager deploys a production east upgrade after two approvals; the audit shows the chain', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const rm = await as(browser, RM);
  const id = await openTicket(rm, {
    imageTag: '1.2.0',
    values: 'replicaCount: 2\n',
    ref: 'CHG-4242',
  });
  await expect(rm.getByText('Pending approval')).toBeVisible();

  const a1 = await as(browser, APPROVER_1);
  await a1.goto('/tickets/inbox');
  await expect(a1.getByRole('link', { name: `#${id}` })).toBeVisible();
  await approve(a1, id, 'Checked the diff and the rollback plan');

  // One approval is not enough: the checklist says so and there is no deploy button.
  await rm.reload();
  await expect(rm.locator('[data-check="approvals-count"]')).toHaveAttribute('data-ok', 'false');
  await expect(rm.locator('[data-check="approvals-count"]')).toContainText(
    '1 of 2 required approvals',
  );
  await expect(rm.getByRole('button', { name: 'Deploy this ticket' })).toHaveCount(0);
  const early = await rm.request.post(`/api/v1/tickets/${id}/deploy`, {
    headers: ownOrigin(rm),
    data: {},
  });
  expect(early.status()).toBe(409);
  expect((await early.json()).error).toContain('1 of 2 required approvals');

  // The requester cannot approve their own ticket.
  await expect(rm.getByText('You requested this ticket, so you cannot approve it.')).toBeVisible();
  const self = await rm.request.post(`/api/v1/tickets/${id}/approve`, {
    headers: ownOrigin(rm),
    data: { comment: 'mine' },
  });
  expect(self.status()).toBe(403);

  const a2 = await as(browser, APPROVER_2);
  await approve(a2, id, 'Good to go');

  await rm.reload();
  await expect(rm.getByText('Approved', { exact: true }).first()).toBeVisible();
  await expect(rm.getByTestId('gate-verdict')).toContainText('allows deploying');
  await rm.screenshot({ path: 'test-results/ticket-approved.png', fullPage: true });
  await rm.getByRole('button', { name: 'Deploy this ticket' }).click();
  const opLink = rm.getByRole('link', { name: /Operation #\d+ on east/ });
  await expect(opLink).toBeVisible();
  const opId = Number(/#(\d+)/.exec((await opLink.textContent()) ?? '')?.[1]);
  await expect
    .poll(
      async () =>
        (await (await rm.request.get(`/api/v1/operations/${opId}`)).json()).operation.state,
      {
        timeout: 240_000,
        intervals: [1000],
      },
    )
    .toBe('succeeded');
  await rm.reload();
  await expect(rm.getByText('Deployed', { exact: true }).first()).toBeVisible();
  await rm.screenshot({ path: 'test-results/ticket-deployed.png', fullPage: true });

  await rm.goto('/audit?release=alpha-members&environment=production');
  const table = rm.locator('table');
  for (const action of [
    'ticket.created',
    'ticket.submitted',
    'ticket.approved',
    'gate.check',
    'upgrade',
    'ticket.deployed',
  ])
    await expect(table.getByText(action, { exact: true }).first()).toBeVisible();
  await expect(
    table.locator('tr', { hasText: 'upgrade' }).filter({ hasText: 'succeeded' }).first(),
  ).toBeVisible();
  await expect(
    table.locator('tr', { hasText: 'upgrade' }).filter({ hasText: 'intent' }).first(),
  ).toBeVisible();
});

test('editing the values after approval voids both approvals', async ({ browser }) => {
  test.setTimeout(180_000);
  const rm = await as(browser, RM);
  const id = await openTicket(rm, {
    imageTag: '1.3.0',
    values: 'replicaCount: 2\n',
    ref: 'CHG-4243',
  });
  await approve(await as(browser, APPROVER_1), id, 'ok one');
  await approve(await as(browser, APPROVER_2), id, 'ok two');
  await rm.goto(`/tickets/${id}/edit`);
  await expect(rm.getByText(/voids the 2 decision/)).toBeVisible();
  await rm.getByLabel(/^Values/).fill('replicaCount: 3\n');
  await rm.getByRole('button', { name: 'Save changes' }).click();
  await expect(rm).toHaveURL(new RegExp(`/tickets/${id}$`));
  await expect(rm.locator('[data-testid="approval"][data-standing="voided"]')).toHaveCount(2);
  await expect(rm.getByText('Pending approval')).toBeVisible();
  await expect(rm.locator('[data-check="approvals-count"]')).toContainText('0 of 2');
});

test('a deploy to development inside its freeze window is refused with the time it opens', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const rm = await as(browser, RM);
  // Development needs no approvals: submitting approves it at once.
  const id = await openTicket(rm, {
    imageTag: '1.3.1',
    values: '',
    ref: 'CHG-4244',
    environment: 'development',
  });
  await rm.getByRole('button', { name: 'Deploy this ticket' }).click();
  const alert = rm.getByRole('alert').filter({ hasText: 'refused' });
  await expect(alert).toContainText('development is frozen (e2e-freeze)');
  await expect(alert).toContainText(/The window opens \d{4}-\d{2}-\d{2}T/);
  await rm.screenshot({ path: 'test-results/ticket-frozen.png', fullPage: true });
  await expect(rm.locator('[data-check="no-freeze"]')).toHaveAttribute('data-ok', 'false');
  expect(id).toBeGreaterThan(0);
});
