// The release manager's journeys against the demo stack (sandbox clusters
// with a real helm history, real helm, the worker started with the server):
// a failing upgrade and helm's automatic rollback seen live and in the audit;
// a one-click rollback of production east with its diff, a second one refused
// as in progress; a viewer calling the rollback action directly is refused,
// and the refusal is audited.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { demoUser, ownOrigin, signInToOverview } from './helpers';
import { clearSandboxFaults, setSandboxFault } from './sandbox-faults';

// Screenshots for a human look at the pages (HELMDECK_E2E_SHOTS moves them out of test-results).
const SHOTS = process.env.HELMDECK_E2E_SHOTS ?? 'test-results/operations-screens';
mkdirSync(SHOTS, { recursive: true });

const releasePage = (env: string, cluster: string) => `/releases/${env}/${cluster}/alpha-members`;

async function signedIn(page: Page, role: 'release_manager' | 'viewer') {
  const u = demoUser(role);
  await signInToOverview(page, u.email, u.password);
  return u;
}

test('release manager upgrades staging to image crashloop, sees the failure and the automatic rollback live, and finds both in the audit', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await signedIn(page, 'release_manager');
  await page.goto(releasePage('staging', 'staging'));
  const actions = page.getByRole('region', { name: 'Release actions' });
  await expect(actions.getByRole('button', { name: 'Roll back' })).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/release-actions.png` });
  await actions.getByRole('button', { name: 'Upgrade' }).click();
  const dialog = page.getByRole('dialog', { name: 'Upgrade alpha-members in staging/staging' });
  await dialog.getByLabel('Image tag').fill('crashloop');
  // The sandbox fails a rollout at the Deployment's progress deadline; a short one keeps the journey quick.
  await dialog.getByLabel(/Values \(YAML/).fill('progressDeadlineSeconds: 10\n');
  await expect(dialog.getByRole('button', { name: 'Confirm upgrade' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Preview changes' }).click();
  const preview = dialog.getByRole('region', { name: 'Preview of the change' });
  await expect(preview).toBeVisible({ timeout: 90_000 });
  const valueChanges = preview.getByRole('table', { name: 'Values changes' });
  await expect(valueChanges.getByRole('row').filter({ hasText: 'crashloop' })).toContainText(
    'image',
  );
  await expect(preview.getByTestId('preview-resource').first()).toContainText('alpha-members');
  await page.screenshot({ path: `${SHOTS}/upgrade-preview.png`, fullPage: true });
  await dialog.getByRole('button', { name: 'Confirm upgrade' }).click();

  await expect(page).toHaveURL(/\/operations\/\d+$/);
  const id = Number(page.url().split('/').pop());
  const state = page.getByTestId('operation-state');
  // Still running when the page opens: what follows arrives without a reload.
  await expect(state).toHaveText(/queued|running/);
  await expect(page.getByTestId('operation-log')).toContainText(
    'started upgrade of alpha-members',
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('workload-readiness')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/operation-running.png`, fullPage: true });
  await expect(state).toHaveText('failed', { timeout: 300_000 });
  await expect(page.getByTestId('auto-rollback')).toBeVisible();
  await expect(page.getByTestId('operation-error')).toContainText('rolled the change back');
  await page.screenshot({ path: `${SHOTS}/operation-failed.png`, fullPage: true });

  await page.getByRole('link', { name: 'all records' }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?operationId=${id}$`));
  const rows = page.getByRole('table', { name: 'Audit records' }).getByRole('row');
  await expect(rows).toHaveCount(3); // header, intent, failed
  await expect(rows.nth(1)).toContainText('failed');
  await expect(rows.nth(1)).toContainText('rolled the change back');
  await expect(rows.nth(2)).toContainText('intent');
  await rows.nth(1).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Audit record #\d+/);
  await expect(page.getByText('"rolledBack": true')).toBeVisible();
  // Verifying the chain is an admin's (read-access.spec).
});

test('release manager rolls production east back one revision in one click; a second rollback meanwhile is refused as in progress; a viewer calling the action directly is refused and audited', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await signedIn(page, 'release_manager');
  const second = await page.context().newPage();
  for (const p of [page, second]) {
    await p.goto(releasePage('production', 'east'));
    await p
      .getByRole('region', { name: 'Release actions' })
      .getByRole('button', { name: 'Roll back' })
      .click();
  }
  const dialog = page.getByRole('dialog', { name: 'Roll back alpha-members in production/east' });
  const preview = dialog.getByRole('region', { name: 'Preview of the change' });
  await expect(preview.getByTestId('preview-sides')).toContainText('revision 2 (live)', {
    timeout: 60_000,
  });
  await expect(preview.getByTestId('preview-sides')).toContainText('revision 1');
  await expect(preview.getByText(/Manifest \(\d+ of \d+ objects change\)/)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/rollback-confirm.png`, fullPage: true });
  const confirm = dialog.getByRole('button', { name: 'Roll back to revision 1' });
  const secondConfirm = second
    .getByRole('dialog')
    .getByRole('button', { name: 'Roll back to revision 1' });
  await expect(secondConfirm).toBeEnabled({ timeout: 60_000 });

  // Both confirmations at once: exactly one rollback is queued; the other is refused naming it.
  // A slow cluster keeps the winner's helm rollback (dozens of API calls) running well past the
  // loser's request (two), so "meanwhile" holds however loaded the machine is.
  await setSandboxFault('east', { kind: 'latency', ms: 300, durationMs: 120_000 });
  const actionCall = page.waitForRequest(
    (r) => r.method() === 'POST' && r.headers()['next-action'] !== undefined,
  );
  await Promise.all([confirm.click(), secondConfirm.click()]);
  const captured = await actionCall;
  const onOperation = (p: Page) => /\/operations\/\d+$/.test(p.url());
  let winner: Page, loser: Page;
  try {
    await expect.poll(() => [page, second].filter(onOperation).length, { timeout: 60_000 }).toBe(1);
    [winner, loser] = onOperation(page) ? [page, second] : [second, page];
    const id = Number(winner.url().split('/').pop());
    await expect(loser.getByRole('dialog').getByRole('alert')).toHaveText(
      `operation #${id} (rollback by ${demoUser('release_manager').name}) in progress`,
    );
  } finally {
    await clearSandboxFaults('east');
  }
  await loser.screenshot({ path: `${SHOTS}/rollback-refused.png`, fullPage: true });
  expect(onOperation(loser)).toBe(false);
  await expect(winner.getByTestId('operation-state')).toHaveText('succeeded', { timeout: 180_000 });
  await expect(winner.getByTestId('operation-log')).toContainText('succeeded');
  await winner.screenshot({ path: `${SHOTS}/rollback-succeeded.png`, fullPage: true });

  // The viewer replays the captured rollback action with their own session: refused.
  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  const viewer = await signedIn(viewerPage, 'viewer');
  await viewerPage.goto(releasePage('production', 'east'));
  await expect(viewerPage.getByRole('region', { name: 'Release actions' })).toHaveCount(0);
  const replay = await viewerPage.request.post(releasePage('production', 'east'), {
    headers: {
      'next-action': captured.headers()['next-action']!,
      'content-type': captured.headers()['content-type'] ?? 'text/plain;charset=UTF-8',
      accept: 'text/x-component',
    },
    data: captured.postData() ?? '',
  });
  expect(await replay.text()).toContain(
    'You need the Release manager role for production to rollback releases.',
  );
  // And through the REST API with the viewer's session.
  const api = await viewerPage.request.post('/api/v1/operations', {
    headers: ownOrigin(viewerPage),
    data: {
      kind: 'rollback',
      environment: 'production',
      cluster: 'east',
      release: 'alpha-members',
    },
  });
  expect(api.status()).toBe(403);

  await viewerPage.goto(
    `/audit?who=${encodeURIComponent(viewer.name)}&outcome=denied&action=rollback`,
  );
  const rows = viewerPage.getByRole('table', { name: 'Audit records' }).getByRole('row');
  await expect(rows).toHaveCount(3); // header + action replay + API call
  await expect(rows.nth(1)).toContainText('production / east / alpha-members');
  await expect(rows.nth(1)).toContainText('denied');
  await viewerContext.close();
});
