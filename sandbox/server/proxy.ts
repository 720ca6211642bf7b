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
  let text = podLog(cluster.store, target.namespace ?? 'default', target.name!, container);
  if (text === undefined)
    throw errors.badRequest(`container ${container ?? ''} is not valid for pod ${target.name}`);
  const tail = query.get('tailLines');
  if (tail !== null) {
    const lines = text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
    text =
      lines.slice(Math.max(0, lines.length - Number(tail))).join('\n') + (lines.length ? '\n' : '');
  }
  return text;
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
