// The feature flags page against the demo stack: each flag of a release
// against each environment and cluster, read from the deployed release's
// values. The demo's signup flag is on in staging and off in production, so
// it is marked as differing; a viewer may read it and set nothing, a release
// manager is offered Set on each place.
import { expect, test } from '@playwright/test';
import { demoUser, signInToOverview } from './helpers';

test('a viewer sees the signup flag on in staging and off in production, marked as differing, and cannot set it', async ({
  page,
}) => {
  const viewer = demoUser('viewer');
  await signInToOverview(page, viewer.email, viewer.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flags' }).click();
  await expect(page.getByRole('heading', { name: 'Feature flags', level: 1 })).toBeVisible();
  const table = page.getByTestId('flags-alpha-members');
  await expect(table.getByText('config.FEATURE_SIGNUP')).toBeVisible();
  await expect(table.getByText('differs')).toBeVisible();
  await expect(page.getByTestId('flag-signup-staging-staging').getByTestId('flag-live')).toHaveText(
    '"true"',
  );
  for (const cluster of ['east', 'west', 'eu'])
    await expect(
      page.getByTestId(`flag-signup-production-${cluster}`).getByTestId('flag-live'),
    ).toHaveText('"false"');
  await expect(table.getByRole('button', { name: 'Set' })).toHaveCount(0);
});

test('a release manager is offered Set for the flag in every place', async ({ page }) => {
  const rm = demoUser('release_manager');
  await signInToOverview(page, rm.email, rm.password);
  await page.goto('/flags');
  const table = page.getByTestId('flags-alpha-members');
  // development, staging and production's three clusters.
  await expect(table.getByRole('button', { name: 'Set' })).toHaveCount(5);
});
