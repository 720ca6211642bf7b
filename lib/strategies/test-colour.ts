// Test idle: before any traffic reaches a colour, its Service is asked
// through the Kubernetes services proxy for health (and the version it
// reports), then for each configured smoke check. Every item is pass/fail
// with its reason; nothing here changes the cluster.
import type { TBlueGreenStrategy, TSmokeCheck } from '@/lib/config';
import { describeKubeError, withTimeout } from '@/lib/kube';
import type { TStrategyKube } from './kube-calls';

export type TTestItem = { name: string; ok: boolean; detail: string };

type TAnswer = { status: number; body: string };

const MAX_BODY = 64 * 1024;

async function viaProxy(
  kube: TStrategyKube,
  namespace: string,
  service: string,
  path: string,
): Promise<TAnswer> {
  try {
    const body = await kube.core.connectGetNamespacedServiceProxyWithPath(
      { name: service, namespace, path: path.replace(/^\//, '') },
      withTimeout(10_000),
    );
    return { status: 200, body: String(body ?? '').slice(0, MAX_BODY) };
  } catch (e) {
    const err = e as { code?: unknown; body?: unknown };
    if (typeof err.code === 'number')
      return { status: err.code, body: String(err.body ?? '').slice(0, MAX_BODY) };
    return { status: 0, body: describeKubeError(e, 10_000) };
  }
}

function reportedVersion(body: string): string | null {
  try {
    const v = (JSON.parse(body) as { version?: unknown }).version;
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** Health, version and smoke checks against a colour's Service; `expectedTag` is its build's image tag. */
export async function testColour(
  kube: TStrategyKube,
  namespace: string,
  service: string,
  s: Pick<TBlueGreenStrategy, 'healthPath' | 'smokeChecks'>,
  expectedTag: string | null,
): Promise<TTestItem[]> {
  const items: TTestItem[] = [];
  const health = await viaProxy(kube, namespace, service, s.healthPath);
  const healthy = health.status >= 200 && health.status < 300;
  items.push({
    name: `health ${s.healthPath}`,
    ok: healthy,
    detail: healthy
      ? `HTTP ${health.status} from service ${service}`
      : health.status === 0
        ? `service ${service} did not answer: ${health.body}`
        : `HTTP ${health.status} from service ${service}${health.status === 503 ? ' (no ready endpoints?)' : ''}`,
  });
  if (!healthy) return items;
  const version = reportedVersion(health.body);
  if (version !== null && expectedTag !== null)
    items.push({
      name: 'version',
      ok: version === expectedTag,
      detail:
        version === expectedTag
          ? `reports ${version}, the deployed build`
          : `reports ${version}, but the deployed build is ${expectedTag}`,
    });
  for (const check of s.smokeChecks) items.push(await smoke(kube, namespace, service, check));
  return items;
}

async function smoke(
  kube: TStrategyKube,
  namespace: string,
  service: string,
  c: TSmokeCheck,
): Promise<TTestItem> {
  const a = await viaProxy(kube, namespace, service, c.path);
  const name = c.name ?? `GET ${c.path}`;
  if (a.status !== c.status)
    return { name, ok: false, detail: `HTTP ${a.status}, expected ${c.status}` };
  if (c.contains !== undefined && !a.body.includes(c.contains))
    return { name, ok: false, detail: `HTTP ${a.status}, but the body lacks "${c.contains}"` };
  return { name, ok: true, detail: `HTTP ${a.status}` };
}
