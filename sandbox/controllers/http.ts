// What the pods of the sandbox "serve": container logs and answers through
// the services proxy, derived from pod state (no process runs anywhere).
import type { KObject, Store } from '../store';
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

/** An HTTP request through the API server's services proxy to one ready endpoint of the Service. */
export function serviceProxy(
  store: Store,
  namespace: string,
  service: string,
  path: string,
): { status: number; contentType: string; body: string } {
  const svc = store.get('services', namespace, service);
  const json = (code: number, body: unknown) => ({
    status: code,
    contentType: 'application/json',
    body: JSON.stringify(body),
  });
  if (!svc) {
    return json(404, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `services "${service}" not found`,
      reason: 'NotFound',
      details: { name: service, kind: 'services' },
      code: 404,
    });
  }
  const ready = Object.keys(asObj(spec(svc).selector)).length
    ? selectedPods({ store }, svc).filter(podIsReady)
    : [];
  if (ready.length === 0) {
    return json(503, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `no endpoints available for service "${service}"`,
      reason: 'ServiceUnavailable',
      code: 503,
    });
  }
  roundRobin = (roundRobin + 1) % ready.length;
  const pod = ready[roundRobin] ?? ready[0]!;
  const image = String(asArr(spec(pod).containers)[0]?.image ?? '');
  const version = imageTag(image);
  const route = path.split('?')[0]?.replace(/\/+$/, '') || '/';
  if (route === '/health' || route === '/healthz') return json(200, { status: 'ok', version });
  if (route === '/') {
    return {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><title>${service}</title><h1>${service}</h1><p>served by ${pod.metadata.name} (${image})</p>\n`,
    };
  }
  return { status: 404, contentType: 'text/plain; charset=utf-8', body: '404 page not found\n' };
}
