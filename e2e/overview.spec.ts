// The overview as a stakeholder scans it: every column names its cluster,
// search and filters narrow it, and on a phone it becomes one card per release.
import { expect, test } from '@playwright/test';
import { demoUser, signInToOverview } from './helpers';

test('every column of the overview names its cluster, development and staging included', async ({
  page,
}) => {
  const viewer = demoUser('viewer');
  await signInToOverview(page, viewer.email, viewer.password);
  for (const place of ['development-dev', 'staging-staging', 'production-east', 'production-eu'])
    await expect(page.getByTestId(`column-${place}`)).toBeVisible();
  await expect(page.getByTestId('column-development-dev')).toContainText('dev');
});

test('search and filters narrow the overview to the releases asked for', async ({ page }) => {
  const viewer = demoUser('viewer');
  await signInToOverview(page, viewer.email, viewer.password);
  const matrix = page.getByRole('table', { name: 'Release matrix' });
  await expect(matrix.getByTestId('row-beta-payments')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search' }).fill('ALPHA');
  await expect(matrix.getByTestId('row-alpha-members')).toBeVisible();
  await expect(matrix.getByTestId('row-beta-payments')).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  await page.getByRole('combobox', { name: 'Environment' }).selectOption('production');
  await expect(page.getByTestId('column-production-east')).toBeVisible();
  await expect(page.getByTestId('column-staging-staging')).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Environment' }).selectOption('');
  await page.getByRole('combobox', { name: 'Drift' }).selectOption('drifted');
  await expect(matrix.getByTestId('row-alpha-members')).toBeVisible();
  await expect(page.getByTestId('shown-count')).toContainText(/of \d+ releases/);
});

test('on a phone the overview is one card per release, each environment and cluster named', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const viewer = demoUser('viewer');
  await signInToOverview(page, viewer.email, viewer.password);
  const card = page.getByTestId('card-alpha-members');
  await expect(card).toBeVisible();
  await expect(page.getByRole('table', { name: 'Release matrix' })).toHaveCount(0);
  await expect(card).toContainText('staging · staging');
  await expect(card).toContainText('production · east');
  await expect(card.getByLabel('alpha-members in production/east', { exact: true })).toBeVisible();
  await testInfo.attach('overview-phone', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});
