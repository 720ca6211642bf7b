// Set-up shared by the ticket integration tests (server action logic and
// /api/v1/tickets): sandbox clusters for development and production east, a
// configuration where production needs a ticket and two approvals and
// development is frozen right now, a test database with one user per role,
// and a worker running real helm.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '@/lib/config';
import { createTestDatabase, stopTestServer, type TTestDatabase } from '@/lib/db/test-database';
import { configureOperations, startWorker, stopQueue, type TWorker } from '@/lib/operations';
import { waitForFinal as waitForOperation } from '@/lib/operations/testing/fixture';
import { createUsers } from '@/lib/testing';
import { startSandbox, type TSandbox } from '../../../sandbox/index';
import type { TTicketUser } from '../ticket-commands';

const CHART = path.resolve('examples/charts/alpha-members');
const minute = 60_000;
/** "2026-03-04T13:05" in UTC, the local form freeze windows take. */
const local = (d: Date) => d.toISOString().slice(0, 16);

export const FREEZE_END = new Date(Math.ceil((Date.now() + 120 * minute) / minute) * minute);

function configYaml(): string {
  return `
environments:
  - name: development
    clusters: [{ name: dev, context: dev }]
    namespace: development
    valuesFiles: [values.yaml, values-dev.yaml]
    timeout: 120s
    freezeWindows:
      - { name: release-freeze, start: "${local(new Date(Date.now() - 60 * minute))}", end: "${local(FREEZE_END)}", timeZone: UTC }
  - name: production
    clusters: [{ name: east, context: east }]
    namespace: production
    valuesFiles: [values.yaml, values-prod.yaml]
    timeout: 120s
    requireTicket: true
    approvals: 2
releases:
  - name: alpha-members
    chart: ${CHART}
    promotion: [development, production]
allowedCharts:
  - ${path.dirname(CHART)}/*
# No dispatcher runs in these tests: deliveries stay queued for the tests to read.
webhooks:
  - { name: ops, url: "http://127.0.0.1:9/hook", events: [operation.started, operation.succeeded, operation.failed, ticket.approved] }
`;
}

const grant = (role: TTicketUser['grants'][number]['role'], environment: string | null = null) => ({
  id: 0,
  role,
  environment,
});

export const USERS = {
  // Rita may also approve, so the self-approval rule (not just the role) is what refuses her.
  rita: {
    id: 'u-rita',
    name: 'Rita Release',
    grants: [grant('release_manager'), grant('approver')],
  },
  anna: { id: 'u-anna', name: 'Anna Approver', grants: [grant('approver')] },
  bert: { id: 'u-bert', name: 'Bert Approver', grants: [grant('approver')] },
  adam: { id: 'u-adam', name: 'Adam Admin', grants: [grant('admin')] },
  vera: { id: 'u-vera', name: 'Vera Viewer', grants: [grant('viewer')] },
} satisfies Record<string, TTicketUser>;

export type TTicketFixture = {
  db: TTestDatabase;
  sandbox: TSandbox;
  worker: TWorker;
  stop(): Promise<void>;
};

export async function startTicketFixture(): Promise<TTicketFixture> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-tickets-'));
  const configPath = path.join(dir, 'helmdeck.yaml');
  writeFileSync(configPath, configYaml());
  const sandbox = await startSandbox({
    clusters: ['dev', 'east'],
    kubeconfigPath: path.join(dir, 'kubeconfig'),
  });
  const db = await createTestDatabase({ asDefault: true });
  configureOperations({
    config: parseConfig(configYaml(), configPath),
    kubeconfig: sandbox.kubeconfigPath,
  });
  await createUsers(db.prisma, Object.values(USERS));
  const worker = await startWorker({ concurrency: 2 });
  return {
    db,
    sandbox,
    worker,
    async stop() {
      await worker.stop();
      await stopQueue();
      await db.drop();
      await stopTestServer();
      await sandbox.stop();
      configureOperations({});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A production east ticket whose maintenance window is open now. */
export function ticketInput(extra: Record<string, unknown> = {}) {
  return {
    release: 'alpha-members',
    environment: 'production',
    clusters: ['east'],
    chartVersion: '1.4.0',
    imageTag: '1.2.0',
    values: 'replicaCount: 2\n',
    rollbackPlan: { steps: ['uninstall alpha-members from production east'] },
    maintenanceWindow: {
      start: new Date(Date.now() - 60 * minute).toISOString(),
      end: new Date(Date.now() + 240 * minute).toISOString(),
      timeZone: 'UTC',
    },
    stakeholders: ['members-team@example.com'],
    externalRef: 'CHG-1234',
    risk: 'medium',
    ...extra,
  };
}

/** The operation once it left queued and running. */
export const waitForFinal = (db: TTestDatabase, id: number) => waitForOperation(db, id, 240_000);
