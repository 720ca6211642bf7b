// Shared set-up of the operations integration tests: a sandbox cluster per
// environment, a helmdeck.yaml pointing at the demo chart, a test database
// with users of each role, and helpers that wait on conditions.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '@/lib/config';
import { createTestDatabase, type TTestDatabase } from '@/lib/db/test-database';
import { createUsers, waitFor } from '@/lib/testing';
import { startSandbox, type TSandbox } from '../../../sandbox/index';
import { configureOperations } from '../runtime';
import type { TActor } from '../request-operation';

export const CHART = path.resolve('examples/charts/alpha-members');

/** `extraReleases` are more releases of the same chart, so tests can each have their own. */
export function configYaml(extraReleases: string[] = []): string {
  const extra = extraReleases
    .map((name) => `  - name: ${name}\n    chart: ${CHART}\n    promotion: [staging, production]\n`)
    .join('');
  return `
environments:
  - name: staging
    clusters: [{ name: staging, context: staging }]
    namespace: staging
    valuesFiles: [values.yaml, values-staging.yaml]
    timeout: 90s
    historyMax: 4
  - name: production
    clusters: [{ name: east, context: east }]
    namespace: production
    valuesFiles: [values.yaml, values-prod.yaml]
    timeout: 90s
releases:
  - name: alpha-members
    chart: ${CHART}
    promotion: [staging, production]
${extra}allowedCharts:
  - ${path.dirname(CHART)}/*
`;
}

export type TFixture = {
  dir: string;
  configPath: string;
  sandbox: TSandbox;
  db: TTestDatabase;
  rita: TActor;
  vic: TActor;
  stop(): Promise<void>;
};

/** `yaml` replaces the default configuration (its clusters are still staging and east). */
export async function startFixture(options: { yaml?: string } = {}): Promise<TFixture> {
  const yaml = options.yaml ?? configYaml();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-ops-'));
  const configPath = path.join(dir, 'helmdeck.yaml');
  writeFileSync(configPath, yaml);
  const sandbox = await startSandbox({
    clusters: ['staging', 'east'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  const db = await createTestDatabase({ asDefault: true });
  configureOperations({
    config: parseConfig(yaml, configPath),
    kubeconfig: sandbox.kubeconfigPath,
  });
  const users = [
    {
      id: 'u-rita',
      name: 'Rita',
      email: 'rita@example.com',
      grants: [
        { role: 'release_manager' as const, environment: 'staging' },
        { role: 'release_manager' as const, environment: 'production' },
      ],
    },
    {
      id: 'u-vic',
      name: 'Vic',
      email: 'vic@example.com',
      grants: [{ role: 'viewer' as const, environment: null }],
    },
  ];
  await createUsers(db.prisma, users);
  const actor = (i: number): TActor => {
    const u = users[i]!;
    return { id: u.id, name: u.name, grants: u.grants };
  };
  return {
    dir,
    configPath,
    sandbox,
    db,
    rita: actor(0),
    vic: actor(1),
    async stop() {
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { waitFor };

export async function waitForFinal(db: TTestDatabase, id: number, timeoutMs?: number) {
  return waitFor(
    `operation #${id} to finish`,
    async () => {
      const op = await db.prisma.operation.findUniqueOrThrow({ where: { id } });
      return op.state !== 'queued' && op.state !== 'running' ? op : null;
    },
    timeoutMs,
  );
}
