// What the pods of the sandbox "serve": container logs and answers through
// the services proxy, derived from pod state (no process runs anywhere).
import type { KObject, Store } from '../store';
import { profileOf } from '../traffic/profile';
import { crashCount, exitsWithFailure, imageTag, modeOf } from './pod-model';
import { selectedPods } from './services';
import { asArr, asObj, parseTime, podIsReady, spec, status } from './util';

function stamp(ms: number): string {
  return new Date(ms).toISOString();
}

function containerLog(
  pod: KObject,
  container: { name: string; image: string },
  now: number,
): string {
  const start =
    parseTime(status(pod).startTime) ?? parseTime(pod.metadata.creationTimestamp) ?? now;
  const { name, image } = container;
  const tag = imageTag(image);
  const mode = modeOf(image);
  const restartPolicy = String(spec(pod).restartPolicy ?? 'Always');
  const lines = [
    `${stamp(start)} INFO  starting ${name} (image ${image}, version ${tag})`,
    `${stamp(start + 40)} INFO  loaded configuration from /etc/${name}`,
  ];
  if (restartPolicy !== 'Always') {
    lines.push(
      `${stamp(start + 120)} INFO  running ${name} checks against ${pod.metadata.namespace}`,
    );
    lines.push(
      exitsWithFailure(image)
        ? `${stamp(start + 290)} ERROR check failed: expected 200, got 503`
        : `${stamp(start + 290)} INFO  all checks passed`,
    );
  } else if (mode === 'crashloop') {
    lines.push(
      `${stamp(start + 900)} ERROR cannot connect to database at db:5432: connection refused`,
    );
    lines.push(
      `${stamp(start + 950)} FATAL exiting with status 1 (restart ${crashCount(now - start)})`,
    );
  } else if (mode === 'oom') {
    lines.push(`${stamp(start + 700)} WARN  heap usage at 97% of limit`);
    lines.push('fatal error: runtime: out of memory');
  } else if (mode === 'unready') {
    lines.push(`${stamp(start + 80)} INFO  listening on :8080`);
    lines.push(
      `${stamp(start + 1000)} WARN  GET /health 503 (dependency check failing: cache unreachable)`,
    );
  } else {
    if (mode === 'slow')
      lines.push(`${stamp(start + 100)} INFO  warming caches, this takes a few seconds`);
    lines.push(`${stamp(start + 80)} INFO  listening on :8080`);
    lines.push(`${stamp(start + 1000)} INFO  GET /health 200`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Log text of one container (the first when none is named), or undefined when
 * the pod or container does not exist. A container that never started logs nothing.
 */
export function podLog(
  store: Store,
  namespace: string,
  pod: string,
  container?: string,
  now = Date.now(),
): string | undefined {
  const obj = store.get('pods', namespace, pod);
  if (!obj) return undefined;
  const containers = [...asArr(spec(obj).initContainers), ...asArr(spec(obj).containers)].map(
    (c) => ({ name: String(c.name ?? ''), image: String(c.image ?? '') }),
  );
  const chosen = container
    ? containers.find((c) => c.name === container)
    : asArr(spec(obj).containers)[0] &&
      containers.find((c) => c.name === String(asArr(spec(obj).containers)[0]?.name));
  if (!chosen) return undefined;
  if (modeOf(chosen.image) === 'pullfail' || !status(obj).startTime) return '';
  return containerLog(obj, chosen, now);
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
