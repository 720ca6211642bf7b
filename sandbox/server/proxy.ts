// The pod and service subresources that reach "into" pods: logs, the
// services proxy (to one ready endpoint) and the pods proxy (to the pod
// itself, where `/metrics` is the pod's request metrics). Requests through
// either proxy count in the pod's metrics as traffic; scrapes do not.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { podAnswer, podLog, serviceProxy, type TProxyAnswer } from '../controllers/http';
import { asObj } from '../controllers/util';
import { EXPOSITION_TYPE } from '../traffic/exposition';
import type { TCluster, TTarget } from './context';
import { readBody, sendText } from './http';
import { getCurrent } from './objects';
import { errors } from './status';

/** `name`, `name:port` or `scheme:name:port`, as the proxy subresource names its target. */
function proxiedName(name: string): string {
  const parts = name.split(':');
  return parts.length === 3 ? parts[1]! : parts[0]!;
}

function podLogText(cluster: TCluster, target: TTarget, query: URLSearchParams): string {
  const container = query.get('container') ?? undefined;
  const log = podLog(
    cluster.store,
    target.namespace ?? 'default',
    target.name!,
    container,
    Date.now(),
    query.get('previous') === 'true',
  );
  if (log === undefined)
    throw errors.badRequest(`container ${container ?? ''} is not valid for pod ${target.name}`);
  if ('error' in log) throw errors.badRequest(log.error);
  let text = log.text;
  const tail = query.get('tailLines');
  if (tail !== null) {
    const lines = text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
    text =
      lines.slice(Math.max(0, lines.length - Number(tail))).join('\n') + (lines.length ? '\n' : '');
  }
  return text;
}

const FOLLOW_POLL_MS = 200;

/**
 * `follow=true`: what the container has written so far, then each new line as
 * it is written, until the pod is gone, its run ends (the log starts over after
 * a restart) or the client leaves.
 */
function followLog(
  cluster: TCluster,
  target: TTarget,
  query: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const first = podLogText(cluster, target, query);
  const whole = new URLSearchParams(query);
  whole.delete('tailLines');
  let written = podLogText(cluster, target, whole);
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.write(first);
  const timer = setInterval(() => {
    let next: string | undefined;
    try {
      getCurrent(cluster, target);
      next = podLogText(cluster, target, whole);
    } catch {
      next = undefined;
    }
    if (next === undefined || !next.startsWith(written)) {
      clearInterval(timer);
      res.end();
      return;
    }
    if (next.length > written.length) res.write(next.slice(written.length));
    written = next;
  }, FOLLOW_POLL_MS);
  req.on('close', () => clearInterval(timer));
}

function podProxy(cluster: TCluster, target: TTarget, name: string, path: string): TProxyAnswer {
  const pod = getCurrent(cluster, { ...target, name, subresource: undefined });
  const status = asObj(pod.status);
  if (status.phase !== 'Running' || !status.podIP) {
    return {
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify(errors.serviceUnavailable(`pod ${name} is not running`).toStatus()),
    };
  }
  if ((path.split('?')[0] ?? '').replace(/\/+$/, '') === '/metrics') {
    const text = cluster.requests.exposition(target.namespace ?? 'default', name) ?? '';
    return { status: 200, contentType: EXPOSITION_TYPE, body: text };
  }
  return podAnswer(pod, path);
}

export async function handlePodAndService(
  cluster: TCluster,
  target: TTarget,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const { plural, group } = target.info;
  if (group || (plural !== 'pods' && plural !== 'services')) throw errors.resourceNotFound();
  if (target.subresource === 'log') {
    if (plural !== 'pods') throw errors.resourceNotFound();
    if (req.method !== 'GET') throw errors.methodNotAllowed('GET');
    getCurrent(cluster, target);
    if (query.get('follow') === 'true') return followLog(cluster, target, query, req, res);
    return sendText(res, 200, podLogText(cluster, target, query));
  }
  const name = proxiedName(target.name!);
  await readBody(req);
  const search = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
  const path = `/${target.subpath ?? ''}${search}`;
  let answer: TProxyAnswer;
  if (plural === 'pods') answer = podProxy(cluster, target, name, path);
  else {
    getCurrent(cluster, { ...target, name });
    answer = serviceProxy(cluster.store, target.namespace ?? 'default', name, path);
  }
  if (answer.pod) cluster.requests.recordProxied(answer.pod, answer.status, req.method ?? 'GET');
  return sendText(res, answer.status, answer.body, answer.contentType);
}
