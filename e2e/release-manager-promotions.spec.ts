// A release manager promotes alpha-members from staging to production on the
// pipeline page: the dialog shows the exact build staging runs and what
// changes per cluster, a change ticket is created from the promotion (diff
// computed on the server, rollback plan filled in) and approved by two
// approvers, then the waves run live. West fails its verification (its own
// values layer makes the chart's test pod fail), is rolled back
// automatically, and the promotion stops: east keeps the new build, eu is
// untouched, and the page says which cluster failed, why and what runs where.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoUser, signInToOverview } from './helpers';

// The e2e stack's copy of alpha-members' values folder (scripts/demo/e2e-config.ts).
const WEST_VALUES = path.resolve('.helmdeck', 'e2e-values', 'alpha-members', 'values-west.yaml');

async function as(browser: Browser, role: 'release_manager' | 'approver', n = 0): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const users = role === 'approver' ? ['approver', 'approver2'] : [null];
  const email = users[n] ? `${users[n]}@helmdeck.local` : demoUser(role).email;
  const password = users[n] ? `demo-${users[n]}` : demoUser(role).password;
  await signInToOverview(page, email, password);
  return page;
}

async function approve(page: Page, id: number, comment: string) {
  await page.goto(`/tickets/${id}`);
  await page.getByLabel('Decision comment').fill(comment);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('approval').filter({ hasText: comment })).toBeVisible();
}

test('release manager promotes staging to production through a ticket; west fails its verification, is rolled back, and eu is never touched', async ({
  browser,
}) => {
  test.setTimeout(480_000);
  const westValues = readFileSync(WEST_VALUES, 'utf8');
  try {
    const rm = await as(browser, 'release_manager');
    await rm.goto('/pipelines/alpha-members');
    await expect(rm.getByRole('heading', { level: 1 })).toHaveText('alpha-members · pipeline');
    const stages = rm.getByRole('list', { name: 'Stages in promotion order' });
    await expect(stages.locator('[data-stage]')).toHaveCount(3);
    const staging = stages.locator('[data-stage="staging"] [data-cluster="staging"]');
    const stagingBuild = (await staging.getByTestId('stage-build').textContent())?.trim() ?? '';
    expect(stagingBuild).toMatch(/^\S+ \/ \S+$/);
    const euBefore = (
      await stages.locator('[data-cluster="eu"]').getByTestId('stage-build').textContent()
    )?.trim();

    await rm.getByRole('button', { name: 'Promote to production' }).click();
    const dialog = rm.getByRole('dialog', { name: 'Promote alpha-members to production' });
    await expect(dialog.getByTestId('promotion-build')).toContainText(
      `chart ${stagingBuild.split(' / ')[0]}`,
      { timeout: 90_000 },
    );
    await expect(dialog.getByTestId('promotion-build')).toContainText('sha256:');
    const perCluster = dialog.getByRole('table', { name: 'What changes per cluster' });
    for (const c of ['east', 'west', 'eu']) await expect(perCluster).toContainText(c);
    await expect(dialog.getByRole('button', { name: 'Promote to production' })).toBeDisabled();

    // The ticket comes from the promotion: bound to this build and all three clusters.
    await dialog.getByRole('button', { name: 'Create a change ticket for this promotion' }).click();
    await expect(rm).toHaveURL(/\/tickets\/\d+$/, { timeout: 90_000 });
    const ticketId = Number(/\/tickets\/(\d+)$/.exec(rm.url())?.[1]);
    await expect(rm.getByText(/roll back to revision \d+/).first()).toBeVisible();
    await rm.getByRole('button', { name: 'Submit for approval' }).click();
    await expect(rm.getByRole('button', { name: 'Submit for approval' })).toHaveCount(0);
    await approve(await as(browser, 'approver', 0), ticketId, 'Build verified in staging');
    await approve(await as(browser, 'approver', 1), ticketId, 'Waves and rollback plan fine');

    // West's own values layer makes the chart's helm test fail there.
    writeFileSync(WEST_VALUES, `${westValues}\ntests:\n  image:\n    tag: fail\n`);

    await rm.goto('/pipelines/alpha-members');
    await rm.getByRole('button', { name: 'Promote to production' }).click();
    await expect(dialog.getByTestId('promotion-build')).toBeVisible({ timeout: 90_000 });
    await dialog.getByLabel('Change ticket #').fill(String(ticketId));
    await dialog.getByRole('button', { name: 'Promote to production' }).click();
    await expect(rm).toHaveURL(/\/promotions\/\d+$/, { timeout: 30_000 });

    // Live: east goes through its checks and soaks; west fails and is rolled back.
    const east = rm.locator('[data-step="east"]');
    const west = rm.locator('[data-step="west"]');
    const eu = rm.locator('[data-step="eu"]');
    await expect(east).toHaveAttribute('data-state', 'succeeded', { timeout: 300_000 });
    await expect(east.locator('[data-check="lint"]')).toHaveAttribute('data-verdict', /pass|warn/);
    await expect(rm.getByTestId('promotion-state')).toHaveText('failed', { timeout: 300_000 });
    await expect(west).toHaveAttribute('data-state', 'rolled_back');
    await expect(west.getByTestId('trigger')).toContainText('verify.');
    await expect(west.getByTestId('runs-now')).toContainText('rolled back');
    await expect(eu).toHaveAttribute('data-state', 'skipped');
    await expect(eu.getByTestId('runs-now')).toContainText('untouched');
    await expect(rm.getByTestId('promotion-error')).toContainText('Stopped at west');
    await rm.screenshot({ path: 'test-results/promotion-stopped.png', fullPage: true });

    // The pipeline says the same, and eu runs what it ran before.
    await rm.getByRole('link', { name: 'alpha-members pipeline' }).first().click();
    const prod = rm.locator('[data-stage="production"]');
    await expect(prod.getByTestId('stage-verification')).toHaveText('failed');
    await expect(prod.locator('[data-cluster="east"]').getByTestId('stage-build')).toHaveText(
      stagingBuild,
    );
    await expect(prod.locator('[data-cluster="eu"]').getByTestId('stage-build')).toHaveText(
      euBefore ?? '',
    );
    await expect(prod).toContainText('Stopped at');

    await rm.goto('/audit?release=alpha-members&environment=production');
    const table = rm.locator('table');
    for (const action of ['promotion.create', 'promotion.verify', 'rollback.automatic'])
      await expect(table.getByText(action, { exact: true }).first()).toBeVisible();
  } finally {
    writeFileSync(WEST_VALUES, westValues);
  }
});
