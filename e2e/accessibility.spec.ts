// Every main page, in the light and the dark theme, checked with axe-core
// (WCAG 2.1 A and AA rules): any serious or critical violation fails. Plus
// the keyboard path (skip link, focus trapped in dialogs and the phone menu)
// and the screenshots of the phone, wide and dark layouts.
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { demoUser, signIn, signInToOverview } from './helpers';

const RELEASE = '/releases/production/east/alpha-members';

// Pages a release manager uses, and the admin's own.
const PAGES = [
  '/',
  '/environments',
  '/environments/production',
  '/releases',
  RELEASE,
  `${RELEASE}?tab=history`,
  `${RELEASE}?tab=events`,
  `${RELEASE}/diff`,
  '/releases/diff?release=alpha-members&left=staging/staging&right=production/east',
  `${RELEASE}/blue-green`,
  `${RELEASE}/canary`,
  '/pipelines/alpha-members',
  '/operations',
  '/tickets',
  '/tickets/new',
  '/tickets/inbox',
  '/audit',
  '/settings',
];

/** A draft ticket of the manager's own (drafts change no release), so the ticket page has one to show. */
async function draftTicket(page: Page): Promise<string> {
  await page.goto('/tickets/new');
  await page.getByLabel('Chart version').fill('1.3.0');
  await page.getByLabel('Image tag').fill('1.3.0');
  await page
    .getByLabel('Rollback steps (one per line)')
    .fill('helm rollback alpha-members to the previous revision');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/tickets\/\d+$/);
  return new URL(page.url()).pathname;
}

/** The first detail page a list links to (an operation, a promotion), when it has one. */
async function firstLink(page: Page, listPath: string, pattern: RegExp): Promise<string[]> {
  await page.goto(listPath);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  const hrefs = await page
    .locator('main a[href]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const found = hrefs.find((h) => pattern.test(h));
  return found ? [found] : [];
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

async function checkPages(page: Page, paths: string[]): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    const violations = await seriousViolations(page);
    if (violations.length > 0) found[path] = violations;
  }
  return found;
}

async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  const file = info.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await info.attach(name, { path: file, contentType: 'image/png' });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every main page passes axe's WCAG A and AA rules in the ${scheme} theme`, async ({
    page,
    browser,
  }) => {
    // About 25 pages, each loaded and analysed: well beyond one journey's default minute.
    test.setTimeout(900_000);
    await page.emulateMedia({ colorScheme: scheme });
    const manager = demoUser('release_manager');
    await signInToOverview(page, manager.email, manager.password);
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    const ticket = await draftTicket(page);
    const details = [
      ticket,
      `${ticket}/edit`,
      ...(await firstLink(page, '/operations', /^\/operations\/\d+$/)),
      ...(await firstLink(page, '/pipelines/alpha-members', /^\/promotions\/\d+$/)),
    ];
    const found = await checkPages(page, [...PAGES, ...details]);

    const adminContext = await browser.newContext({ colorScheme: scheme });
    const admin = await adminContext.newPage();
    const adminUser = demoUser('admin');
    await signInToOverview(admin, adminUser.email, adminUser.password);
    Object.assign(found, await checkPages(admin, ['/admin', '/notifications']));
    await adminContext.close();

    const signedOut = await browser.newContext({ colorScheme: scheme });
    const visitor = await signedOut.newPage();
    Object.assign(found, await checkPages(visitor, ['/sign-in']));
    await signedOut.close();

    expect(found).toEqual({});
  });
}

test('the theme follows the system until chosen, and the choice is remembered', async ({
  page,
}, info) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const viewer = demoUser('viewer');
  await signInToOverview(page, viewer.email, viewer.password);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const theme = page.getByRole('group', { name: 'Theme' });
  await expect(theme.getByRole('button', { name: 'System' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await shot(page, info, 'dark-overview');

  await theme.getByRole('button', { name: 'Light' }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light'); // remembered over the system's dark
  await expect(theme.getByRole('button', { name: 'Light' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  await theme.getByRole('button', { name: 'Dark' }).click();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(RELEASE);
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await shot(page, info, 'dark-release');
});

test('a keyboard user skips the navigation, and a dialog keeps focus until closed', async ({
  page,
}) => {
  const manager = demoUser('release_manager');
  await signInToOverview(page, manager.email, manager.password);
  await page.goto(RELEASE);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  const rollback = page
    .getByRole('region', { name: 'Release actions' })
    .getByRole('button', { name: 'Roll back' });
  await rollback.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(rollback).toBeFocused();
});

test('on a phone the navigation is behind a menu button and the page has the width', async ({
  page,
}, info) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const viewer = demoUser('viewer');
  await signIn(page, viewer.email, viewer.password);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeHidden();
  const main = await page.locator('main').boundingBox();
  expect(main?.width).toBeGreaterThanOrEqual(380);
  await shot(page, info, 'phone-overview');

  const menu = page.getByRole('button', { name: 'Menu' });
  await menu.click();
  await expect(nav).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close menu' })).toBeFocused();
  await shot(page, info, 'phone-menu');
  await page.keyboard.press('Escape');
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();

  await menu.click();
  await nav.getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { name: 'Audit', level: 1 })).toBeVisible();
  await expect(nav).toBeHidden();
  await shot(page, info, 'phone-audit');
});

test('on a wide screen wide tables scroll inside their card with the first column kept', async ({
  page,
}, info) => {
  const manager = demoUser('release_manager');
  await signInToOverview(page, manager.email, manager.password);
  await shot(page, info, 'wide-overview');
  // The README's screenshot is this view: HELMDECK_README_SCREENSHOT=1 writes it to docs/.
  if (process.env.HELMDECK_README_SCREENSHOT === '1')
    await page.screenshot({ path: path.resolve('docs', 'overview.png') });
  await page.setViewportSize({ width: 700, height: 900 });
  await page.goto('/audit');
  const region = page.getByRole('region', { name: 'Audit records' });
  const scrolls = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(scrolls).toBe(true);
  const firstCell = region.locator('tbody tr').first().locator('td').first();
  const before = await firstCell.boundingBox();
  await region.evaluate((el) => el.scrollBy({ left: 400 }));
  const after = await firstCell.boundingBox();
  expect(after?.x).toBe(before?.x); // sticky: it did not move with the scroll
  await shot(page, info, 'narrow-audit-scrolled');
});
