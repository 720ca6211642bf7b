// Post-deploy verification after each cluster: the release's pods ready
// with no restarts since the rollout, helm test (when the chart has tests),
// ready endpoints behind its Services, the health endpoint answering with the
// deployed version, and the configured smoke checks. Each item is timed.
import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import type { THealthCheck, TSmokeCheck } from '@/lib/config';
import { helmTest, type THelmTarget } from '@/lib/helm';
import type { TClusterClients } from '@/lib/kube';
import { serviceProxyGet } from './service-proxy';
import { timed, type TCheckItem, type TCheckVerdict } from './types';

export type TVerifyInput = {
  release: string;
  namespace: string;
  helm: THelmTarget;
  kube: Pick<TClusterClients, 'core' | 'apps' | 'kubeConfig'>;
  rolloutStartedAt: Date;
  /** The image tag the health endpoint must report. */
  imageTag?: string;
  /** Whether the chart has tests (templates/tests); helm test runs only then. */
  hasTests: boolean;
  health?: THealthCheck;
  smokeChecks: TSmokeCheck[];
  /** How long to wait for the pods to be ready (helm's wait usually did already). */
  readyWithinMs?: number;
  helmTimeout?: string;
  /**
   * Asked right before helm test: a reason not to run it now, or null. helm test rewrites the
   * release's record, so it must not overlap another change of the release.
   */
  helmTestBlocked?: () => Promise<string | null>;
};

type TResult = { verdict: TCheckVerdict; reason: string };
const selector = (release: string) => `app.kubernetes.io/instance=${release}`;

export async function verifyDeployment(i: TVerifyInput): Promise<TCheckItem[]> {
  const items: TCheckItem[] = [];
  items.push(
    await timed('pods', 'pods ready, no restarts since the rollout', true, () => checkPods(i)),
  );
  items.push(
    await timed('helmTest', 'helm test passes', true, async () => {
      if (!i.hasTests) return { verdict: 'pass', reason: 'the chart has no tests' };
      const blocked = await i.helmTestBlocked?.();
      if (blocked) return { verdict: 'warn', reason: `not run: ${blocked}` };
      const r = await helmTest(i.helm, {
        release: i.release,
        timeout: i.helmTimeout ?? '2m',
        logs: false,
      });
      return r.passed
        ? { verdict: 'pass', reason: 'the chart tests passed' }
        : {
            verdict: 'fail',
            reason: `helm test failed: ${r.output.trim().split('\n').at(-1)?.slice(0, 200) ?? ''}`,
          };
    }),
  );
  const services = (
    await i.kube.core.listNamespacedService({
      namespace: i.namespace,
      labelSelector: selector(i.release),
    })
  ).items
    .map((s) => s.metadata?.name ?? '')
    .filter(Boolean);
  items.push(
    await timed('endpoints', "the release's Services have ready endpoints", true, () =>
      checkEndpoints(i, services),
    ),
  );
  const service = i.health?.service ?? services[0];
  if (i.health && service)
    items.push(
      await timed('health', `${i.health.path} answers with the deployed version`, true, () =>
        checkHealth(i, i.health!, service),
      ),
    );
  for (const [n, s] of i.smokeChecks.entries())
    items.push(
      await timed(`smoke:${s.name ?? n + 1}`, `smoke check ${s.name ?? s.path}`, true, async () => {
        if (!service)
          return { verdict: 'fail', reason: 'the release has no Service to send it to' };
        const a = await serviceProxyGet(i.kube.kubeConfig, {
          namespace: i.namespace,
          service,
          path: s.path,
        });
        if (a.status !== s.status)
          return {
            verdict: 'fail',
            reason: `${s.path} answered ${a.status}, expected ${s.status}`,
          };
        if (s.contains && !a.body.includes(s.contains))
          return {
            verdict: 'fail',
            reason: `${s.path} answered ${a.status} without "${s.contains}"`,
          };
        return {
          verdict: 'pass',
          reason: `${s.path} answered ${a.status}${s.contains ? ` with "${s.contains}"` : ''}`,
        };
      }),
    );
  return items;
}

function deploymentReady(d: V1Deployment): boolean {
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  return (
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
    (s.updatedReplicas ?? 0) >= want &&
    (s.readyReplicas ?? 0) >= want &&
    (s.replicas ?? 0) === want
  );
}

async function checkPods(i: TVerifyInput): Promise<TResult> {
  const until = Date.now() + (i.readyWithinMs ?? 30_000);
  for (;;) {
    const deployments = (
      await i.kube.apps.listNamespacedDeployment({
        namespace: i.namespace,
        labelSelector: selector(i.release),
      })
    ).items;
    const pods: V1Pod[] = (
      await i.kube.core.listNamespacedPod({
        namespace: i.namespace,
        labelSelector: selector(i.release),
      })
    ).items.filter(
      (p) =>
        !p.metadata?.deletionTimestamp &&
        !p.metadata?.annotations?.['helm.sh/hook'] &&
        !(p.metadata?.ownerReferences ?? []).some((o) => o.kind === 'Job'),
    );
    const restarted = pods
      .filter(
        (p) =>
          p.metadata?.creationTimestamp &&
          new Date(p.metadata.creationTimestamp) >= new Date(i.rolloutStartedAt.getTime() - 1000),
      )
      .flatMap((p) =>
        (p.status?.containerStatuses ?? [])
          .filter((c) => c.restartCount > 0)
          .map((c) => `${p.metadata?.name}/${c.name} (${c.restartCount})`),
      );
    if (restarted.length > 0)
      return { verdict: 'fail', reason: `restarted since the rollout: ${restarted.join(', ')}` };
    const unready = deployments.filter((d) => !deploymentReady(d));
    if (unready.length === 0) {
      const replicas = deployments.reduce((n, d) => n + (d.spec?.replicas ?? 1), 0);
      return {
        verdict: 'pass',
        reason: `${replicas} of ${replicas} replicas ready in ${deployments.length} Deployment${deployments.length === 1 ? '' : 's'}`,
      };
    }
    if (Date.now() > until)
      return {
        verdict: 'fail',
        reason: unready
          .map(
            (d) =>
              `${d.metadata?.name}: ${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1} ready`,
          )
          .join('; '),
      };
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function checkEndpoints(i: TVerifyInput, services: string[]): Promise<TResult> {
  if (services.length === 0) return { verdict: 'pass', reason: 'the release has no Services' };
  const empty: string[] = [];
  for (const name of services) {
    const ep = await i.kube.core
      .readNamespacedEndpoints({ name, namespace: i.namespace })
      .catch(() => undefined);
    const ready = (ep?.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
    if (ready === 0) empty.push(name);
  }
  if (empty.length > 0)
    return { verdict: 'fail', reason: `no ready endpoints behind ${empty.join(', ')}` };
  return { verdict: 'pass', reason: `${services.join(', ')}: ready endpoints` };
}

async function checkHealth(i: TVerifyInput, h: THealthCheck, service: string): Promise<TResult> {
  const a = await serviceProxyGet(i.kube.kubeConfig, {
    namespace: i.namespace,
    service,
    port: h.port,
    path: h.path,
  });
  if (a.status < 200 || a.status >= 300)
    return { verdict: 'fail', reason: `${service}${h.path} answered ${a.status}` };
  if (!h.expectVersion || !i.imageTag)
    return { verdict: 'pass', reason: `${service}${h.path} answered ${a.status}` };
  let version: unknown;
  try {
    version = (JSON.parse(a.body) as { version?: unknown }).version;
  } catch {
    return { verdict: 'fail', reason: `${service}${h.path} did not answer JSON with a version` };
  }
  return version === i.imageTag
    ? { verdict: 'pass', reason: `${service}${h.path} reports version ${i.imageTag}` }
    : {
        verdict: 'fail',
        reason: `${service}${h.path} reports version ${String(version)}, expected ${i.imageTag}`,
      };
}
