// Container logs of a release's pods, through the API server with Helmdeck's
// credentials (as the person on a cluster with `impersonate: true`, so its
// RBAC on pods/log decides), redacted line by line with the release's secret values. Only
// pods the release owns (by helm's labels) can be read, so a `view` on one
// environment never reaches another release's or another namespace's pod.
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { TKubeIdentity } from '@/lib/kube/impersonation';
import { KubeHttpError } from '@/lib/kube/list-watch';
import { unknownPersonOn } from '@/lib/kube/person-reads';
import { streamPodLog } from '@/lib/kube/pod-log';
import { describeKubeError } from '@/lib/kube/request-options';
import { releaseSecrets } from '@/lib/releases/diff';
import { redactText } from '@/lib/releases/redact';
import { releaseOf } from '@/lib/releases/workload-health';
import { kubeIdentityOf } from '@/lib/users/kube-identity';
import { latestRelease } from './release-detail';
import { releaseView } from './release-view';

export type TPodLogTarget = {
  environment: string;
  cluster: string;
  release: string;
  pod: string;
  /** The first container of the pod when absent. */
  container?: string;
  previous?: boolean;
  /** Keep streaming new lines until the container's run ends. */
  follow?: boolean;
  /** Who reads: the person an impersonating cluster acts as. */
  reader: { id: string };
};

/** Lines shown when the whole log is asked for; a follower starts from these too. */
export const LOG_TAIL_LINES = 500;

type TPodSpec = {
  spec?: { containers?: { name?: string }[]; initContainers?: { name?: string }[] };
};

/** Resolves the pod and container, or throws the AppError naming what is wrong. */
async function resolveTarget(t: TPodLogTarget) {
  const view = releaseView();
  const { environment: env, cluster } = await view.place(t.environment, t.cluster);
  view.requireData(cluster);
  const ns = env.namespace;
  const where = `${t.environment}/${t.cluster}`;
  const release = await latestRelease(cluster, ns, t.release, where);
  const pod = (cluster.workloads.get(ns)?.snapshot().pods ?? []).find((p) => {
    const owner = releaseOf(p);
    return p.metadata?.name === t.pod && owner?.name === t.release && owner.namespace === ns;
  }) as (TPodSpec & { metadata?: { name?: string } }) | undefined;
  if (!pod)
    throw new AppError('not_found', `Release ${t.release} has no pod "${t.pod}" in ${where}.`, {
      notFound: 'pod',
      param: 'pod',
    });
  const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
    .map((c) => c.name ?? '')
    .filter(Boolean);
  const container = t.container ?? pod.spec?.containers?.[0]?.name ?? '';
  if (!names.includes(container))
    throw new AppError(
      'invalid',
      `Parameter "container" must be a container of pod ${t.pod}: ${names.join(', ')}.`,
      { param: 'container' },
    );
  const impersonate = env.clusters.some((c) => c.name === t.cluster && c.impersonate === true);
  const as = impersonate ? await identityOf(t) : undefined;
  return { clients: cluster.clients, namespace: ns, container, known: releaseSecrets(release), as };
}

async function identityOf(t: TPodLogTarget): Promise<TKubeIdentity> {
  const who = await kubeIdentityOf(await getPrisma(), t.reader.id);
  if (!who) throw new AppError('forbidden', unknownPersonOn(t.cluster), { cluster: t.cluster });
  return who;
}

function refusal(err: unknown, t: TPodLogTarget, container: string): AppError {
  if (err instanceof KubeHttpError && (err.statusCode === 403 || err.statusCode === 401))
    // The cluster's own words: `pods "x" is forbidden: User "a" cannot get resource "pods/log" ...`.
    return new AppError(
      'forbidden',
      `Cluster ${t.cluster} does not let you read this log: ${err.message}`,
      { cluster: t.cluster },
    );
  if (err instanceof KubeHttpError && err.statusCode === 400)
    // The kubelet's own words: "previous terminated container "api" in pod "x" not found".
    return new AppError(
      'invalid',
      t.previous
        ? `Container ${container} has no previous run to show (it has not restarted).`
        : `No log for container ${container}: ${err.message}`,
      { param: t.previous ? 'previous' : 'container' },
    );
  return new AppError(
    'unavailable',
    `Cluster ${t.cluster} did not give the log: ${describeKubeError(err)}.`,
    { cluster: t.cluster },
  );
}

export type TOpenPodLog = {
  container: string;
  /**
   * Streams redacted lines: the last LOG_TAIL_LINES, then, when following,
   * each new line until the container's run ends or `signal` aborts. Rejects
   * with an AppError when the cluster refuses.
   */
  stream(opts: { signal?: AbortSignal }, onLines: (lines: string[]) => void): Promise<void>;
};

/** Checks the pod and container (AppError naming what is wrong) before anything is sent. */
export async function openPodLog(t: TPodLogTarget): Promise<TOpenPodLog> {
  const { clients, namespace, container, known, as } = await resolveTarget(t);
  const base = { namespace, pod: t.pod, container, previous: t.previous, as };
  // Acting as the person, ask once before a follow starts, so a refusal is
  // the answer's 403 rather than a problem event inside a 200 stream.
  if (as && t.follow)
    await streamPodLog(clients, { ...base, tailLines: 1 }, () => {}).catch((err) => {
      throw refusal(err, t, container);
    });
  return {
    container,
    async stream(opts, onLines) {
      let partial = '';
      try {
        await streamPodLog(
          clients,
          {
            ...base,
            follow: t.follow,
            tailLines: LOG_TAIL_LINES,
            signal: opts.signal,
          },
          (chunk) => {
            const parts = (partial + chunk).split('\n');
            partial = parts.pop() ?? '';
            if (parts.length) onLines(parts.map((l) => redactText(l, known)));
          },
        );
      } catch (err) {
        throw refusal(err, t, container);
      }
      if (partial) onLines([redactText(partial, known)]);
    },
  };
}
