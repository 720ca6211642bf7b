// Live drift as a stakeholder meets it: a Deployment scaled by hand with
// kubectl shows as "drifted" on its overview cell, the "changed live" filter
// finds it, and the release page names the field, chart value beside live.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { bundledToolPath } from '../lib/helm/bundled-tools';
import { demoUser, signInToOverview } from './helpers';

function kubeconfigPath(): string {
  const file =
    process.env.HELMDECK_E2E_INFO ?? path.resolve('.helmdeck', 'e2e', 'demo', 'e2e-info.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { kubeconfigPath: string }).kubeconfigPath;
}

const kubectl = async (...args: string[]) =>
  (
    await promisify(execFile)(bundledToolPath('kubectl'), [
      `--kubeconfig=${kubeconfigPath()}`,
      '--context=dev',
      '-n',
      'development',
      ...args,
    ])
  ).stdout.trim();

test('a Deployment scaled by hand shows as drifted on the overview and field by field on its page', async ({
  page,
}) => {
  const workload = (
    await kubectl(
      'get',
      'deployment',
      '-l',
      'app.kubernetes.io/instance=alpha-members',
      '-o',
      'name',
    )
  ).split('\n')[0]!;
  const replicas = await kubectl('get', workload, '-o', 'jsonpath={.spec.replicas}');
  const viewer = demoUser('viewer');
  await signInToOverview(page, viewer.email, viewer.password);
  const cell = page.getByLabel('alpha-members in development/dev', { exact: true });
  await expect(cell).toBeVisible();
  await expect(cell.getByTestId('live-drift')).toHaveCount(0);
  try {
    await kubectl('scale', workload, `--replicas=${Number(replicas) + 3}`);
    // Live: the open page gets the changed cell without a reload.
    await expect(cell.getByTestId('live-drift')).toBeVisible();
    await page.getByRole('combobox', { name: 'Drift' }).selectOption('live');
    const matrix = page.getByRole('table', { name: 'Release matrix' });
    await expect(matrix.getByTestId('row-alpha-members')).toBeVisible();
    await cell.getByRole('link').first().click();
    const drift = page.getByRole('region', { name: 'Live drift' });
    await expect(drift).toContainText('spec.replicas');
    const row = drift.getByRole('row', { name: /spec\.replicas/ });
    await expect(row.getByRole('cell').nth(2)).toHaveText(replicas);
    await expect(row.getByRole('cell').nth(3)).toHaveText(String(Number(replicas) + 3));
  } finally {
    await kubectl('scale', workload, `--replicas=${replicas}`);
  }
});
