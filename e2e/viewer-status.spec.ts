// A stakeholder's view of release status against the demo stack (sandbox
// clusters with a real helm history): drift between staging and production,
// a release's history and a revision diff, the staging vs production diff,
// nothing to click that changes anything, and a cluster going away.
import { expect, test, type Page } from '@playwright/test';
import { demoUser, signInToOverview } from './helpers';
import { clearSandboxFaults, setSandboxFault } from './sandbox-faults';

// The dev tools button exists only under `next dev`, never in the e2e's production build.
// The theme buttons change only how this browser shows the pages.
const ALLOWED_BUTTONS = new Set([
  'Sign out',
  'Show diff',
  'Open Next.js Dev Tools',
  'System',
  'Light',
  'Dark',
]);

/** A viewer's pages offer navigation only: every button is one of the harmless few. */
async function expectNoActionButtons(page: Page): Promise<void> {
  const names = await page
    .getByRole('button')
    .evaluateAll((els) =>
      els.map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim()),
    );
  expect(names.filter((n) => !ALLOWED_BUTTONS.has(n))).toEqual([]);
  await expect(
    page.getByRole('link', {
      name: /\b(upgrade|roll ?back|promote|install|uninstall|deploy|approve|reject|switch|restart|scale|delete)\b/i,
    }),
  ).toHaveCount(0);
}

const cell = (page: Page, release: string, place: string) =>
  page.getByTestId(`row-${release}`).getByLabel(`${release} in ${place}`, { exact: true });

test.afterEach(async () => {
  await clearSandboxFaults('eu').catch(() => undefined);
});

test('a viewer sees production east one version behind staging, compares revisions and environments, and can change nothing', async ({
  page,
}) => {
  const viewer = demoUser('viewer');
  await signInToOverview(page, viewer.email, viewer.password);
  const matrix = page.getByRole('table', { name: 'Release matrix' });
  await expect(matrix).toBeVisible();
  await expect(
    cell(page, 'alpha-members', 'staging/staging').getByTestId('cell-version'),
  ).toHaveText('1.2.0');
  const east = cell(page, 'alpha-members', 'production/east');
  await expect(east.getByTestId('cell-version')).toHaveText('1.1.0');
  await expect(east.getByTestId('behind')).toHaveText('↓ 1 behind staging');
  const drift = page.getByRole('list', { name: 'Drift of alpha-members' });
  await expect(drift).toContainText('staging ahead of production (east, west, eu) by 1 version');
  await expectNoActionButtons(page);

  // The release page and its history: compare the failed upgrade with the one before it.
  await cell(page, 'alpha-members', 'staging/staging')
    .getByRole('link', { name: / rev \d+/ })
    .click();
  await expect(page.getByRole('heading', { name: 'alpha-members', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Pods' })).toBeVisible();
  await expectNoActionButtons(page);
  await page
    .getByRole('navigation', { name: 'Release sections' })
    .getByRole('link', { name: /History/ })
    .click();
  const revisions = page.getByRole('table', { name: 'Revisions' });
  await expect(revisions.getByRole('row')).toHaveCount(6);
  await expect(revisions).toContainText('failed');
  await page.getByLabel('Compare from revision 2').check();
  await page.getByLabel('Compare to revision 3').check();
  await page.getByRole('link', { name: 'Compare revision 2 → 3' }).click();
  await expect(page).toHaveURL(/\/releases\/staging\/staging\/alpha-members\/diff\?from=2&to=3/);
  const values = page.getByRole('table', { name: 'Values changes' });
  // The chart's own values.yaml is in the archive, not a layer: the failed upgrade adds the image tag.
  const tag = values.getByRole('row').filter({ hasText: 'crashloop' });
  await expect(tag).toContainText('image');
  await expect(tag).toContainText('added');
  await expect(page.getByTestId('resource-diff').filter({ hasText: 'Deployment' })).toContainText(
    'image: registry.example.com/alpha/members:crashloop',
  );
  await page.getByRole('link', { name: 'Side by side' }).click();
  await expect(page).toHaveURL(/view=split/);
  await expect(page.getByTestId('side-by-side-diff').first()).toBeVisible();
  await expectNoActionButtons(page);

  // Staging against production east, from the drift badge.
  await page.goto('/');
  await drift.getByRole('link', { name: /staging ahead of production/ }).click();
  await expect(page).toHaveURL(
    /\/releases\/diff\?release=alpha-members&left=staging%2Fstaging&right=production%2Feast/,
  );
  await expect(page.getByText('chart version 1.2.0 → 1.1.0')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Values changes' })).toContainText('replicaCount');
  await expectNoActionButtons(page);
});

test('a cluster made unreachable shows as such while the others still show', async ({ page }) => {
  const viewer = demoUser('viewer');
  await signInToOverview(page, viewer.email, viewer.password);
  await expect(page.getByTestId('cluster-eu')).toHaveAttribute('data-state', 'ok');
  await setSandboxFault('eu', { kind: 'unreachable' });
  // No reload: the page learns it from the live stream (or its polling fallback).
  await expect(page.getByTestId('cluster-eu')).toHaveAttribute('data-state', 'error', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('cluster-eu')).toContainText('unreachable');
  const eu = cell(page, 'alpha-members', 'production/eu');
  await expect(eu).toHaveAttribute('data-state', 'error');
  await expect(eu).toContainText('Cluster error');
  await expect(eu).toContainText(/data from .* ago/);
  const east = cell(page, 'alpha-members', 'production/east');
  await expect(east).toHaveAttribute('data-state', 'ok');
  await expect(east.getByTestId('cell-version')).toHaveText('1.1.0');
  await expect(page.getByTestId('cluster-east')).toHaveAttribute('data-state', 'ok');

  await clearSandboxFaults('eu');
  await expect(page.getByTestId('cluster-eu')).toHaveAttribute('data-state', 'ok', {
    timeout: 60_000,
  });
});
