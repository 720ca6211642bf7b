// Troubleshooting a release as a viewer, against the demo stack: events are
// warnings first and grouped by object; a pod's log opens from the pods table
// (container picker, previous run only after a restart) and follows live.
import { expect, test } from '@playwright/test';
import { demoUser, signInToOverview } from './helpers';

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
  await page.getByRole('button', { name: 'Stop following' }).click();
  await expect(page.getByText('following live')).toHaveCount(0);
});
