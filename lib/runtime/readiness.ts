// Readiness of what Helmdeck runs against: the database and every cluster.
import { getPrisma } from '@/lib/db';
import { reportError } from '@/lib/errors';
import { getClusterStatus } from '@/lib/kube/cluster-status';
import { runtimeConfig } from './index';

type TCheck = 'ok' | 'failed';

export interface TReadiness {
  status: 'ok' | 'degraded' | 'failed';
  checks: { database: TCheck; clusters: Record<string, TCheck> };
}

const TIMEOUT_MS = 5_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what}: no answer in ${TIMEOUT_MS} ms`)),
        TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

async function checkDatabase(): Promise<TCheck> {
  try {
    const prisma = await withTimeout(getPrisma(), 'database');
    await withTimeout(prisma.$queryRaw`SELECT 1`, 'database');
    return 'ok';
  } catch (error) {
    reportError(error, 'readiness: database');
    return 'failed';
  }
}

async function checkClusterReachability(): Promise<Record<string, TCheck>> {
  try {
    const report = await withTimeout(getClusterStatus(runtimeConfig()), 'clusters');
    return Object.fromEntries(
      report.clusters.map((c) => [`${c.environment}/${c.cluster}`, c.reachable ? 'ok' : 'failed']),
    );
  } catch (error) {
    reportError(error, 'readiness: clusters');
    return { '*': 'failed' };
  }
}

/** Database and cluster checks for the readiness probe, run in parallel. */
export async function checkReadiness(): Promise<TReadiness> {
  const [database, clusters] = await Promise.all([checkDatabase(), checkClusterReachability()]);
  const clustersOk = Object.values(clusters).every((c) => c === 'ok');
  const status = database === 'failed' ? 'failed' : clustersOk ? 'ok' : 'degraded';
  return { status, checks: { database, clusters } };
}
