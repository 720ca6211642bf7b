// The chart allow-list as an attacker tries it through the operations API:
// `..` out of ./charts/*, a symbolic link out of it, probing for server paths
// through helm's error text. Each is refused before helm runs, with a message
// that names the rule and no server path.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfig } from '@/lib/config';
import { stopTestServer } from '@/lib/db/test-database';
import { OperationInputError } from './errors';
import { stopQueue } from './queue';
import { releaseRevisions } from './release-state';
import { requestOperation } from './request-operation';
import { configureOperations, operationsRuntime } from './runtime';
import { CHART, startFixture, type TFixture } from './testing/fixture';

const T = { timeout: 300_000 };
let f: TFixture;
const staging = { environment: 'staging', cluster: 'staging', release: 'alpha-members' };

before(async () => {
  f = await startFixture();
  // helmdeck.yaml's folder: charts/ is allowed; srv/ next to it is not.
  cpSync(CHART, path.join(f.dir, 'charts', 'alpha-members'), { recursive: true });
  cpSync(CHART, path.join(f.dir, 'srv', 'evil-chart'), { recursive: true });
  symlinkSync(path.join(f.dir, 'srv', 'evil-chart'), path.join(f.dir, 'charts', 'linked'));
  mkdirSync(path.join(f.dir, 'charts', 'broken', 'templates'), { recursive: true });
  const yaml = `
environments:
  - name: staging
    clusters: [{ name: staging, context: staging }]
    namespace: staging
    valuesFiles: [values.yaml]
releases:
  - name: alpha-members
    chart: ./charts/alpha-members
    promotion: [staging]
allowedCharts: [./charts/*]
`;
  configureOperations({
    config: parseConfig(yaml, path.join(f.dir, 'helmdeck.yaml')),
    kubeconfig: f.sandbox.kubeconfigPath,
  });
});
after(async () => {
  await stopQueue();
  await f?.db.drop();
  await stopTestServer();
  await f?.stop();
  configureOperations({});
});

async function refusal(chart: string): Promise<string> {
  try {
    await requestOperation({ actor: f.rita, kind: 'install', ...staging, params: { chart } });
  } catch (e) {
    assert.ok(e instanceof OperationInputError, String(e));
    return e.message;
  }
  assert.fail(`${chart} was accepted`);
}

async function nothingHappened() {
  assert.equal(await f.db.prisma.operation.count(), 0, 'no operation was queued');
  const loc = operationsRuntime().config.environments[0]!;
  const revisions = await releaseRevisions({
    environment: loc,
    cluster: loc.clusters[0]!,
    release: 'alpha-members',
  });
  assert.deepEqual(revisions, [], 'helm deployed nothing');
}

describe('chart allow-list', () => {
  test('"./charts/../../../../srv/evil-chart" is refused naming the rule', T, async () => {
    const message = await refusal('./charts/../srv/evil-chart');
    assert.match(message, /params\.chart: .* must not contain "\.\." path segments/);
    assert.match(
      await refusal('./charts/../../../../srv/evil-chart'),
      /must not contain "\.\." path segments/,
    );
    await nothingHappened();
  });

  test('a symbolic link out of ./charts is followed and refused', T, async () => {
    const message = await refusal('./charts/linked');
    assert.match(message, /leads outside the allowed chart folder \.\/charts/);
    assert.ok(!message.includes(f.dir), 'no server path');
    await nothingHappened();
  });

  test('probing server paths tells nothing: /etc and a missing path answer alike', T, async () => {
    const etc = await refusal('./charts/../../../../etc');
    const missing = await refusal('./charts/../../../../no-such-folder');
    assert.equal(etc.replace('etc', 'X'), missing.replace('no-such-folder', 'X'));
    await nothingHappened();
  });

  test("helm's own error about an allowed but broken chart shows no server path", T, async () => {
    const message = await refusal('./charts/broken');
    assert.ok(!message.includes(f.dir), message);
    assert.ok(!message.includes('/tmp'), message);
    await nothingHappened();
  });
});
