// Troubleshooting and safer rollbacks against the demo stack. A viewer reads
// a release's warnings grouped by object and a pod's log (opened from the
// pods table, followed live). A release manager's upgrade to a crashing image
// fails: the operation names the container, its exit code and restarts,
// shows the rollout per object and the revisions it created; the rollback
// picker then marks the last healthy revision, picks it, says what each
// target changes and which hook Jobs a rollback does not run.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { demoUser, signInToOverview } from './helpers';

const SHOTS = process.env.HELMDECK_E2E_SHOTS ?? 'test-results/troubleshooting-screens';
mkdirSync(SHOTS, { recursive: true });

test('a viewer reads the warnings of a release grouped by object, opens a pod log from the pods table and follows it live', async ({
  page,
}) => {
  const viewer = demoUser('viewer');
  await signInToOverview(page, viewer.email, viewer.password);
  await page.goto('/releases/staging/staging/alpha-members?tab=events');
  const warningsOnly = page.getByRole('checkbox', { name: /Warnings only/ });
  await expect(warningsOnly).toBeChecked();
  await warningsOnly.uncheck();
  const events = page.getByRole('table', { name: 'Events' });
  // Every group is headed by its object (Kind/name) and how many events it holds.
  const firstGroup = events.locator('tbody th').first();
  await expect(firstGroup).toContainText(/\w+\/alpha-members/);
  await expect(firstGroup).toContainText(/\d+ events?/);

  await page.getByRole('link', { name: 'Status & pods' }).click();
  const pods = page.getByRole('table', { name: 'Pods' });
  const firstLogs = pods.getByRole('link', { name: /^Logs of alpha-members-/ }).first();
  const podName = ((await firstLogs.getAttribute('aria-label')) ?? '').replace('Logs of ', '');
  await firstLogs.click();
  await expect(page).toHaveURL(/tab=logs&pod=/);
  await expect(page.getByLabel('Pod', { exact: true })).toHaveValue(podName);
  const log = page.getByRole('log', { name: new RegExp(`^Log of ${podName}/`) });
  await expect(log).toContainText('INFO  starting');
  // A container that never restarted has no previous run to show.
  await expect(page.getByRole('checkbox', { name: /Previous container/ })).toBeDisabled();
  await page.getByRole('button', { name: 'Follow live' }).click();
  await expect(page.getByText('following live')).toBeVisible();
  await expect(log).toContainText('INFO  starting');
  await page.screenshot({ path: `${SHOTS}/pod-log-following.png`, fullPage: true });
  await page.getByRole('button', { name: 'Stop following' }).click();
  await expect(page.getByText('following live')).toHaveCount(0);
});

test('a crashing upgrade names container, exit code and restarts, shows the rollout and the revisions it created; the rollback picker picks the last healthy revision', async ({
  page,
}) => {
  test.setTimeout(420_000);
  const manager = demoUser('release_manager');
  await signInToOverview(page, manager.email, manager.password);
  await page.goto('/releases/development/dev/beta-payments');
  const actions = page.getByRole('region', { name: 'Release actions' });
  await actions.getByRole('button', { name: 'Upgrade' }).click();
  const dialog = page.getByRole('dialog', { name: 'Upgrade beta-payments in development/dev' });
  await dialog.getByLabel('Image tag').fill('crashloop');
  await dialog.getByLabel(/Values \(YAML/).fill('progressDeadlineSeconds: 10\n');
  await dialog.getByRole('button', { name: 'Preview changes' }).click();
  await expect(dialog.getByRole('region', { name: 'Preview of the change' })).toBeVisible({
    timeout: 90_000,
  });
  await dialog.getByRole('button', { name: 'Confirm upgrade' }).click();

  await expect(page).toHaveURL(/\/operations\/\d+$/);
  await expect(page.getByTestId('operation-state')).toHaveText('failed', { timeout: 300_000 });
  const error = page.getByTestId('operation-error');
  await expect(error).toContainText(
    /CrashLoopBackOff of container payments, exit code 1, \d+ restarts?/,
  );
  await expect(error).toContainText('rolled the change back');
  await expect(page.getByTestId('operation-log')).toContainText(
    /rollout: Deployment beta-payments .* waiting on pod beta-payments-/,
  );
  const facts = page.locator('dl').filter({ hasText: 'Revisions created' });
  await expect(facts).toContainText(/Revisions created\s*\d+ failed, \d+ \w+ \(Rollback to \d+\)/);
  await page.screenshot({ path: `${SHOTS}/operation-failed-reason.png`, fullPage: true });

  await page.goto('/releases/development/dev/beta-payments');
  await actions.getByRole('button', { name: 'Roll back' }).click();
  const picker = page.getByRole('dialog', { name: 'Roll back beta-payments in development/dev' });
  const failed = picker.locator('[data-testid^="rollback-choice-"]').filter({ hasText: 'failed' });
  await expect(failed.first()).toContainText(/image .* → crashloop/);
  const healthy = picker
    .locator('[data-testid^="rollback-choice-"]')
    .filter({ hasText: 'last healthy' });
  await expect(healthy).toHaveCount(1);
  await expect(healthy.getByRole('radio')).toBeChecked();
  await page.screenshot({ path: `${SHOTS}/rollback-picker.png`, fullPage: true });
  await picker.getByRole('button', { name: 'Cancel' }).click();

  // alpha-members' migration Job is a pre-install/pre-upgrade hook: a rollback does not run it.
  await page.goto('/releases/staging/staging/alpha-members');
  await actions.getByRole('button', { name: 'Roll back' }).click();
  const alpha = page.getByRole('dialog', { name: 'Roll back alpha-members in staging/staging' });
  await expect(alpha.getByRole('note', { name: 'Hooks on this rollback' })).toContainText(
    /Not run by a rollback: Job alpha-members-migrate \(pre-install, pre-upgrade\)/,
  );
  await alpha.getByRole('button', { name: 'Cancel' }).click();
});
