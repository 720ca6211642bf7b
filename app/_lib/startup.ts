import 'server-only';
import { ConfigError, getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { env, namedVariable } from '@/lib/env';
import type { TAuthConfig } from '@/lib/config';
import { HelmBinaryError, resolveHelm } from '@/lib/helm';
import { publicOrigins } from '@/lib/http/public-origin';
import { installRequestGuard } from '@/lib/http/request-guard';
import { parseTrustedProxies } from '@/lib/http/trusted-proxies';
import { assertContextsExist, MissingContextsError } from '@/lib/kube';
import { seedDemoUsers } from '@/lib/users';

// A failed start must end the process: Next would otherwise keep serving
// "error loading instrumentation hook" and never become ready.
function fail(message: string): never {
  console.error(`\nhelmdeck: cannot start\n${message}\n`);
  process.exit(1);
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/**
 * Guards every request (lib/http/request-guard), validates the configuration, the kube contexts it names and the helm
 * binary, brings the database up (migrated), seeds demo users in demo mode.
 */
export async function startHelmdeck(): Promise<void> {
  try {
    installRequestGuard({
      proxies: parseTrustedProxies(env().HELMDECK_TRUSTED_PROXIES),
      origins: publicOrigins(),
    });
  } catch (error) {
    fail(firstLine(error));
  }
  try {
    const config = getConfig();
    const { environments, releases } = config;
    console.log(
      `helmdeck: configuration ${config.source.path}: ${environments.length} environments, ${releases.length} releases`,
    );
    assertContextsExist(config);
    checkSingleSignOn(config.auth);
    const helm = await resolveHelm();
    console.log(`helmdeck: helm ${helm.version} (${helm.source}: ${helm.path})`);
  } catch (error) {
    if (error instanceof ConfigError) {
      fail(
        `${error.message}\nFix the file (or point HELMDECK_CONFIG at another one) and start again.`,
      );
    }
    // Both messages already name the cause and the fix.
    if (error instanceof MissingContextsError) fail(error.message);
    if (error instanceof HelmBinaryError) fail(`helm: ${error.message}`);
    if (error instanceof SsoSetupError) fail(error.message);
    fail(`checking the configuration failed: ${firstLine(error)}`);
  }
  try {
    await getPrisma();
  } catch (error) {
    // DatabaseError messages already name the cause and the fix; keep them whole.
    const reason = error instanceof Error ? error.message : String(error);
    fail(
      `database: ${reason}\nCheck DATABASE_URL, or unset it to use the embedded Postgres under ${env().HELMDECK_DATA_DIR}/pg.`,
    );
  }
  if (env().HELMDECK_DEMO) {
    const users = await seedDemoUsers().catch((error: unknown) =>
      fail(`seeding the demo users failed: ${firstLine(error)}`),
    );
    const lines = users.map(
      (u) => `  ${u.email.padEnd(34)} ${u.password.padEnd(22)} ${u.roles.join(', ')}`,
    );
    console.log(`helmdeck: demo users (email, password, roles):\n${lines.join('\n')}`);
  }
  // --- read model ---
  // Every cluster's LIST+WATCH starts now, so the first page finds the caches loaded.
  const { startReleaseView } = await import('@/lib/release-view');
  startReleaseView();
  // Who made each revision comes from the operations in Postgres; revisions none made are audited once.
  const { startServerProvenance } = await import('@/lib/provenance');
  await startServerProvenance();
  // --- end read model ---
  // --- operations worker ---
  await startOperationsWorker();
  // --- end operations worker ---
  // --- promotions ---
  // Promotions that were running when the process died continue from their recorded step.
  const { resumePromotions } = await import('@/lib/promotions');
  await resumePromotions();
  // Every install, upgrade, rollback and recovery this process finishes is verified like a step.
  const { startOperationVerification } = await import('@/lib/promotions');
  startOperationVerification();
  // --- end promotions ---
  // --- canary controller ---
  await startCanaryBackground();
  // --- end canary controller ---
  // --- tickets: webhooks and expiry ---
  await startTicketBackground();
  // --- end tickets ---
  // --- metrics ---
  await startMetrics();
  // --- end metrics ---
}

// --- operations worker ---
// Once per server process: settle what a dead worker left (reconcile), then
// run queued operations in a bounded pool. Other instances on the same
// database share the queue; the release lock keeps one operation per release.
const OPERATION_WORKERS = 4;

async function startOperationsWorker(): Promise<void> {
  const g = globalThis as { __helmdeckWorker?: Promise<unknown> };
  if (g.__helmdeckWorker) return;
  const { startWorker } = await import('@/lib/operations');
  g.__helmdeckWorker = startWorker({ concurrency: OPERATION_WORKERS, reconcile: true });
  try {
    await g.__helmdeckWorker;
    console.log(`helmdeck: operations worker running (${OPERATION_WORKERS} at a time)`);
  } catch (error) {
    fail(`starting the operations worker failed: ${firstLine(error)}`);
  }
}
// --- end operations worker ---

// --- canary controller ---
// Once per server process: running canaries are analysed against Prometheus
// and stepped, promoted or aborted from what Postgres and the cluster say, so
// a restart simply carries on.
async function startCanaryBackground(): Promise<void> {
  const g = globalThis as { __helmdeckCanaries?: boolean };
  if (g.__helmdeckCanaries) return;
  g.__helmdeckCanaries = true;
  const { startCanaryController } = await import('@/lib/canary/controller');
  startCanaryController();
  console.log('helmdeck: canary controller running');
}
// --- end canary controller ---

// --- tickets: webhooks and expiry ---
// Once per server process: send queued webhook deliveries, and write
// `expired` on tickets whose approvals lapsed (pages already show it from the
// clock; the sweep audits it and notifies). Every instance may run both.
const EXPIRY_SWEEP_MS = 60_000;

async function startTicketBackground(): Promise<void> {
  const g = globalThis as { __helmdeckTickets?: boolean };
  if (g.__helmdeckTickets) return;
  g.__helmdeckTickets = true;
  const { startNotificationDispatcher } = await import('@/lib/notifications');
  const { expireTickets } = await import('@/lib/tickets');
  const prisma = await getPrisma();
  startNotificationDispatcher({ prisma, webhooks: () => getConfig().webhooks });
  const sweep = () =>
    void expireTickets().catch((error: unknown) =>
      console.error(`helmdeck: ticket expiry sweep failed: ${firstLine(error)}`),
    );
  setInterval(sweep, EXPIRY_SWEEP_MS).unref();
  sweep();
  console.log('helmdeck: webhook dispatcher and ticket expiry sweep running');
}
// --- end tickets ---

// --- metrics ---
// Request durations come from Next's own spans (a tracer provider is
// registered for them); with metricsEndpoint.port, /metrics gets a server of its own.
async function startMetrics(): Promise<void> {
  const g = globalThis as { __helmdeckMetricsStarted?: boolean };
  if (g.__helmdeckMetricsStarted) return;
  g.__helmdeckMetricsStarted = true;
  const settings = getConfig().metricsEndpoint;
  if (!settings) return;
  if (settings.bearerToken && !env().HELMDECK_METRICS_TOKEN)
    fail(
      'metricsEndpoint.bearerToken is true in helmdeck.yaml but HELMDECK_METRICS_TOKEN is not set.\nSet it (at least 16 characters) to the token Prometheus sends, or remove metricsEndpoint.bearerToken.',
    );
  const { startHttpMetrics, startMetricsServer } = await import('@/lib/metrics');
  startHttpMetrics();
  if (settings.port === undefined) {
    console.log('helmdeck: metrics at /api/metrics (bearer token)');
    return;
  }
  try {
    await startMetricsServer({ port: settings.port, host: settings.host });
    console.log(`helmdeck: metrics at http://${settings.host}:${settings.port}/metrics`);
  } catch (error) {
    fail(`metrics port ${settings.host}:${settings.port}: ${firstLine(error)}`);
  }
}
// --- end metrics ---
// --- single sign-on ---
class SsoSetupError extends Error {}

/** The client secret auth.oidc names must be set; says which sign-in methods are on. */
function checkSingleSignOn(auth: TAuthConfig): void {
  const oidc = auth.oidc;
  const name = oidc?.clientSecretEnv;
  if (name && !namedVariable(name)) {
    throw new SsoSetupError(
      `auth.oidc.clientSecretEnv names ${name}, which is not set.\nSet ${name} to the client secret of ${oidc.clientId} at ${oidc.issuer} (or remove clientSecretEnv for a public client).`,
    );
  }
  if (oidc) {
    const passwords = auth.passwordSignIn ? 'password sign-in on' : 'password sign-in off';
    console.log(
      `helmdeck: single sign-on with ${oidc.issuer} (client ${oidc.clientId}); ${passwords}`,
    );
  }
}
// --- end single sign-on ---
