// What the pods of the sandbox "serve": container logs and answers through
// the services proxy, derived from pod state (no process runs anywhere).
import type { KObject, Store } from '../store';
import { profileOf } from '../traffic/profile';
import { crashTime, exitsWithFailure, imageTag, modeOf } from './pod-model';
import { selectedPods } from './services';
import { asArr, asObj, parseTime, podIsReady, spec, status } from './util';

function stamp(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The lines one run of a container has written by `now` (lines carry the
 * time they are written at, so a follower sees them arrive). `restart` is the
 * run's number: 0 is the first, each crash starts the next.
 */
function runLog(
  pod: KObject,
  container: { name: string; image: string; args: string[] },
  start: number,
  restart: number,
  now: number,
): string {
  const { name, image } = container;
  const tag = imageTag(image);
  const mode = modeOf(image);
  const restartPolicy = String(spec(pod).restartPolicy ?? 'Always');
  const lines: [number, string][] = [
    [start, `INFO  starting ${name} (image ${image}, version ${tag})`],
    [start + 40, `INFO  loaded configuration from /etc/${name}`],
  ];
  // Apps that print their command line at start are how secrets end up in logs.
  if (container.args.length) lines.push([start + 60, `INFO  args: ${container.args.join(' ')}`]);
  if (restartPolicy !== 'Always') {
    lines.push([start + 120, `INFO  running ${name} checks against ${pod.metadata.namespace}`]);
    lines.push(
      exitsWithFailure(image)
        ? [start + 290, 'ERROR check failed: expected 200, got 503']
        : [start + 290, 'INFO  all checks passed'],
    );
  } else if (mode === 'crashloop') {
    lines.push([start + 900, 'ERROR cannot connect to database at db:5432: connection refused']);
    lines.push([start + 950, `FATAL exiting with status 1 (restart ${restart})`]);
  } else if (mode === 'oom') {
    lines.push([start + 700, 'WARN  heap usage at 97% of limit']);
    lines.push([start + 750, 'fatal error: runtime: out of memory']);
  } else if (mode === 'unready') {
    lines.push([start + 80, 'INFO  listening on :8080']);
    lines.push([
      start + 1000,
      'WARN  GET /health 503 (dependency check failing: cache unreachable)',
    ]);
  } else {
    if (mode === 'slow')
      lines.push([start + 100, 'INFO  warming caches, this takes a few seconds']);
    lines.push([start + 80, 'INFO  listening on :8080']);
    lines.push([start + 1000, 'INFO  GET /health 200']);
  }
  return lines
    .filter(([at]) => at <= now)
    .map(([at, text]) => `${stamp(at)} ${text}\n`)
    .join('');
}

/** When run `restart` of a restarting container began (run 0 at the pod's start). */
function runStart(podStart: number, restart: number): number {
  return restart <= 0 ? podStart : podStart + crashTime(restart);
}

export type TPodLog = { text: string } | { error: string } | undefined;

/**
 * Log text of one container (the first when none is named), or undefined when
 * the pod or container does not exist. A container that never started logs
 * nothing; `previous` is the run before the last restart, as the kubelet keeps it.
 */
export function podLog(
  store: Store,
  namespace: string,
  pod: string,
  container?: string,
  now = Date.now(),
  previous = false,
): TPodLog {
  const obj = store.get('pods', namespace, pod);
  if (!obj) return undefined;
  const containers = [...asArr(spec(obj).initContainers), ...asArr(spec(obj).containers)].map(
    (c) => ({
      name: String(c.name ?? ''),
      image: String(c.image ?? ''),
      args: Array.isArray(c.args) ? c.args.map(String) : [],
    }),
  );
  const chosen = container
    ? containers.find((c) => c.name === container)
    : asArr(spec(obj).containers)[0] &&
      containers.find((c) => c.name === String(asArr(spec(obj).containers)[0]?.name));
  if (!chosen) return undefined;
  const restarts = Number(
    [...asArr(status(obj).initContainerStatuses), ...asArr(status(obj).containerStatuses)].find(
      (s) => s.name === chosen.name,
    )?.restartCount ?? 0,
  );
  if (previous && restarts === 0)
    return { error: `previous terminated container "${chosen.name}" in pod "${pod}" not found` };
  if (modeOf(chosen.image) === 'pullfail' || !status(obj).startTime) return { text: '' };
  const podStart =
    parseTime(status(obj).startTime) ?? parseTime(obj.metadata.creationTimestamp) ?? now;
  const run = previous ? restarts - 1 : restarts;
  return { text: runLog(obj, chosen, runStart(podStart, run), run, now) };
}

let roundRobin = 0;
const served = new Map<string, number>();

export interface TProxyAnswer {
  status: number;
  contentType: string;
  body: string;
  /** The pod that answered, when one did. */
  pod?: KObject;
}

const json = (code: number, body: unknown): TProxyAnswer => ({
  status: code,
  contentType: 'application/json',
  body: JSON.stringify(body),
});

const failure = (code: number, reason: string, message: string, details?: object) =>
  json(code, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  });

/**
 * What a running pod answers on `path`: its health and version on /health,
 * a page on /, 404 elsewhere. An `errors` build fails 2 of every 25 requests
 * to its app paths with a 500 (its health endpoint keeps answering).
 */
export function podAnswer(pod: KObject, path: string): TProxyAnswer {
  const image = String(asArr(spec(pod).containers)[0]?.image ?? '');
  const version = imageTag(image);
  const route = path.split('?')[0]?.replace(/\/+$/, '') || '/';
  if (route === '/health' || route === '/healthz')
    return { ...json(200, { status: 'ok', version }), pod };
  const uid = pod.metadata.uid ?? '';
  const n = (served.get(uid) ?? 0) + 1;
  served.set(uid, n);
  if (profileOf(image).errorRatio > 0 && n % 25 < 2)
    return { ...json(500, { error: 'internal server error' }), pod };
  if (route === '/') {
    return {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><title>${pod.metadata.name}</title><h1>${pod.metadata.name}</h1><p>served by ${pod.metadata.name} (${image})</p>\n`,
      pod,
    };
  }
  return {
    status: 404,
    contentType: 'text/plain; charset=utf-8',
    body: '404 page not found\n',
    pod,
  };
}

/** An HTTP request through the API server's services proxy to one ready endpoint of the Service. */
export function serviceProxy(
  store: Store,
  namespace: string,
  service: string,
  path: string,
): TProxyAnswer {
  const svc = store.get('services', namespace, service);
  if (!svc) {
    return failure(404, 'NotFound', `services "${service}" not found`, {
      name: service,
      kind: 'services',
    });
  }
  const ready = Object.keys(asObj(spec(svc).selector)).length
    ? selectedPods({ store }, svc).filter(podIsReady)
    : [];
  if (ready.length === 0)
    return failure(503, 'ServiceUnavailable', `no endpoints available for service "${service}"`);
  roundRobin = (roundRobin + 1) % ready.length;
  return podAnswer(ready[roundRobin] ?? ready[0]!, path);
}
