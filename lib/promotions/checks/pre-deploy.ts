// The pre-deploy checklist, run before each step and on demand: chart
// (lint, render, values schema), environment (namespace, referenced Secrets
// and ConfigMaps, quota room, network policy), dependencies, change
// management. Each item passes, warns or fails with its reason; blocking
// failures stop the step before helm runs.
import type { V1Pod } from '@kubernetes/client-node';
import type { TDependency, TEnvironment } from '@/lib/config';
import { HelmError, helmLint, helmTemplate, type THelmTarget } from '@/lib/helm';
import type { TClusterClients } from '@/lib/kube';
import { chartArchiveFiles, chartHas } from './chart-files';
import {
  parseManifests,
  parseQuantity,
  podTemplates,
  references,
  resourceTotals,
  selectorMatches,
  type TObject,
} from './manifests';
import { serviceProxyGet } from './service-proxy';
import { timed, type TCheckItem, type TCheckVerdict } from './types';

export type TPreDeployInput = {
  /** The helm release that will be changed. */
  release: string;
  namespace: string;
  /** The cached chart archive that will be deployed. */
  archive: string;
  valuesFiles: string[];
  values: Record<string, unknown>;
  helm: THelmTarget;
  kube: Pick<TClusterClients, 'core' | 'networking' | 'kubeConfig'>;
  environment: Pick<TEnvironment, 'networkPolicy'>;
  dependencies: TDependency[];
  /** The change-management item (ticket approved, window open), from the ticket gate. */
  changeManagement?: () => Promise<{ verdict: TCheckVerdict; reason: string }>;
};

const isNotFound = (e: unknown) => (e as { code?: unknown })?.code === 404;

async function exists(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}

function firstLine(text: string, pattern: RegExp): string | undefined {
  return text
    .split('\n')
    .find((l) => pattern.test(l))
    ?.trim();
}

export async function runPreDeployChecks(i: TPreDeployInput): Promise<TCheckItem[]> {
  const items: TCheckItem[] = [];
  const files = chartArchiveFiles(i.archive);
  const render = {
    release: i.release,
    chart: i.archive,
    valuesFiles: i.valuesFiles,
    values: i.values,
  };

  items.push(
    await timed('lint', 'helm lint passes', true, async () => {
      const r = await helmLint(i.helm, {
        chart: i.archive,
        valuesFiles: i.valuesFiles,
        values: i.values,
        strict: false,
      });
      if (!r.ok)
        return {
          verdict: 'fail',
          reason: firstLine(r.output, /\[ERROR\]/) ?? 'helm lint found errors',
        };
      const warning = firstLine(r.output, /\[WARNING\]/);
      return warning
        ? { verdict: 'warn', reason: warning }
        : { verdict: 'pass', reason: 'no errors or warnings' };
    }),
  );

  let objects: TObject[] | undefined;
  let schemaProblem: string | undefined;
  items.push(
    await timed('template', 'helm template renders', true, async () => {
      try {
        objects = parseManifests(await helmTemplate(i.helm, render));
        return { verdict: 'pass', reason: `${objects.length} objects rendered` };
      } catch (e) {
        if (e instanceof HelmError && e.kind === 'invalid-values') {
          schemaProblem = e.message;
          return {
            verdict: 'fail',
            reason: 'the values do not match the chart schema (see the schema item)',
          };
        }
        if (e instanceof HelmError) return { verdict: 'fail', reason: e.detail ?? e.message };
        throw e;
      }
    }),
  );
  items.push(
    await timed('schema', 'values match values.schema.json', true, async () => {
      if (!chartHas(files, 'values.schema.json'))
        return {
          verdict: 'warn',
          reason: 'the chart has no values.schema.json; values are not checked',
        };
      if (schemaProblem) return { verdict: 'fail', reason: schemaProblem };
      if (!objects) return { verdict: 'fail', reason: 'not checked: the chart did not render' };
      return { verdict: 'pass', reason: 'the values match the schema' };
    }),
  );

  items.push(
    await timed('namespace', 'target namespace exists', true, async () =>
      (await exists(() => i.kube.core.readNamespace({ name: i.namespace })))
        ? { verdict: 'pass', reason: `namespace ${i.namespace} exists` }
        : {
            verdict: 'warn',
            reason: `namespace ${i.namespace} does not exist; it will be created`,
          },
    ),
  );

  const templates = objects ? podTemplates(objects) : [];
  items.push(
    await timed('references', 'Secrets and ConfigMaps exist', true, () =>
      checkReferences(i, objects, templates),
    ),
  );
  items.push(await timed('quota', 'resource quota has room', true, () => checkQuota(i, templates)));
  const blockOnPolicy = i.environment.networkPolicy === 'block';
  items.push(
    await timed('networkPolicy', 'a NetworkPolicy covers the pods', blockOnPolicy, () =>
      checkNetworkPolicy(i, objects, templates, blockOnPolicy),
    ),
  );
  for (const dep of i.dependencies)
    items.push(
      await timed(`dependency:${dep.name}`, `${dep.name} reachable`, true, () =>
        checkDependency(i, dep),
      ),
    );
  if (i.changeManagement)
    items.push(
      await timed(
        'changeManagement',
        'change ticket approved, window open',
        true,
        i.changeManagement,
      ),
    );
  return items;
}

type TResult = { verdict: TCheckVerdict; reason: string };

async function checkReferences(
  i: TPreDeployInput,
  objects: TObject[] | undefined,
  templates: ReturnType<typeof podTemplates>,
): Promise<TResult> {
  if (!objects) return { verdict: 'fail', reason: 'not checked: the chart did not render' };
  const rendered = new Set(objects.map((o) => `${o.kind}/${o.metadata?.name ?? ''}`));
  const needed = templates.flatMap(references).filter((r) => !rendered.has(`${r.kind}/${r.name}`));
  const unique = [...new Map(needed.map((r) => [`${r.kind}/${r.name}`, r])).values()];
  const missing: string[] = [];
  for (const r of unique) {
    const read =
      r.kind === 'Secret'
        ? () => i.kube.core.readNamespacedSecret({ name: r.name, namespace: i.namespace })
        : () => i.kube.core.readNamespacedConfigMap({ name: r.name, namespace: i.namespace });
    if (!(await exists(read))) missing.push(`${r.kind} ${r.name} (${r.from})`);
  }
  if (missing.length > 0)
    return { verdict: 'fail', reason: `missing in ${i.namespace}: ${missing.join('; ')}` };
  return {
    verdict: 'pass',
    reason:
      unique.length === 0
        ? 'nothing referenced outside the chart'
        : `${unique.length} referenced, all present`,
  };
}

function podUsage(pods: V1Pod[]): Record<string, number> {
  return resourceTotals(
    pods
      .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
      .map((p) => ({
        owner: `Pod/${p.metadata?.name}`,
        replicas: 1,
        labels: {},
        spec: p.spec as unknown as Record<string, unknown>,
      })),
  );
}

async function checkQuota(
  i: TPreDeployInput,
  templates: ReturnType<typeof podTemplates>,
): Promise<TResult> {
  const quotas = (
    await i.kube.core
      .listNamespacedResourceQuota({ namespace: i.namespace })
      .catch((e) => (isNotFound(e) ? { items: [] } : Promise.reject(e)))
  ).items;
  if (quotas.length === 0) return { verdict: 'pass', reason: `no ResourceQuota in ${i.namespace}` };
  const needed = resourceTotals(templates);
  // The release's own pods are replaced, so what they use now is room for the new ones.
  const own = podUsage(
    (
      await i.kube.core.listNamespacedPod({
        namespace: i.namespace,
        labelSelector: `app.kubernetes.io/instance=${i.release}`,
      })
    ).items,
  );
  const short: string[] = [];
  for (const q of quotas) {
    for (const [resource, hardQ] of Object.entries(q.status?.hard ?? q.spec?.hard ?? {})) {
      const need = needed[resource];
      if (need === undefined) continue;
      const hard = parseQuantity(hardQ);
      const used = parseQuantity(q.status?.used?.[resource] ?? '0');
      const room = hard - used + (own[resource] ?? 0);
      if (need > room + 1e-9)
        short.push(
          `${q.metadata?.name} ${resource}: needs ${fmt(need)}, room for ${fmt(Math.max(0, room))} of ${hardQ}`,
        );
    }
  }
  if (short.length > 0) return { verdict: 'fail', reason: short.join('; ') };
  return {
    verdict: 'pass',
    reason: `${quotas.length} quota${quotas.length === 1 ? '' : 's'} with room for the release`,
  };
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, ''));

async function checkNetworkPolicy(
  i: TPreDeployInput,
  objects: TObject[] | undefined,
  templates: ReturnType<typeof podTemplates>,
  block: boolean,
): Promise<TResult> {
  if (!objects) return { verdict: 'fail', reason: 'not checked: the chart did not render' };
  const live = (
    await i.kube.networking.listNamespacedNetworkPolicy({ namespace: i.namespace })
  ).items.map((p) => ({
    name: p.metadata?.name ?? '',
    selector: p.spec?.podSelector,
  }));
  const rendered = objects
    .filter((o) => o.kind === 'NetworkPolicy')
    .map((o) => ({
      name: o.metadata?.name ?? '',
      selector: (o.spec as { podSelector?: never } | undefined)?.podSelector,
    }));
  const policies = [...live, ...rendered];
  const uncovered = templates
    .filter((t) => !policies.some((p) => selectorMatches(p.selector, t.labels)))
    .map((t) => t.owner);
  if (uncovered.length === 0)
    return {
      verdict: 'pass',
      reason:
        templates.length === 0
          ? 'no pods to cover'
          : `covered by ${policies.map((p) => p.name).join(', ')}`,
    };
  return {
    verdict: block ? 'fail' : 'warn',
    reason: `no NetworkPolicy selects the pods of ${uncovered.join(', ')}`,
  };
}

async function checkDependency(i: TPreDeployInput, dep: TDependency): Promise<TResult> {
  const namespace = dep.namespace ?? i.namespace;
  let endpoints;
  try {
    endpoints = await i.kube.core.readNamespacedEndpoints({ name: dep.service, namespace });
  } catch (e) {
    if (isNotFound(e))
      return { verdict: 'fail', reason: `Service ${namespace}/${dep.service} not found` };
    throw e;
  }
  const subsets = (endpoints.subsets ?? []).filter(
    (s) =>
      dep.port === undefined ||
      (s.ports ?? []).some((p) => p.port === dep.port || p.name === dep.port),
  );
  const ready = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  if (ready === 0)
    return {
      verdict: 'fail',
      reason: `${namespace}/${dep.service}${dep.port ? `:${dep.port}` : ''} has no ready endpoints`,
    };
  if (!dep.healthPath)
    return {
      verdict: 'pass',
      reason: `${namespace}/${dep.service}: ${ready} ready endpoint${ready === 1 ? '' : 's'}`,
    };
  const answer = await serviceProxyGet(i.kube.kubeConfig, {
    namespace,
    service: dep.service,
    port: dep.port,
    path: dep.healthPath,
  });
  if (answer.status >= 200 && answer.status < 300)
    return {
      verdict: 'pass',
      reason: `${namespace}/${dep.service}${dep.healthPath} answered ${answer.status}`,
    };
  return {
    verdict: 'fail',
    reason: `${namespace}/${dep.service}${dep.healthPath} answered ${answer.status}`,
  };
}
