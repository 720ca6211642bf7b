// Dispatches a resource request (`/api/v1/...`, `/apis/<g>/<v>/...`) to
// the verb handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handlePodAndService } from './proxy';
import { asObject, decodeObjectBody } from './body';
import type { TCluster, TTarget, TWriteOptions } from './context';
import { deleteByName, deleteCollection, readDeleteOptions } from './delete';
import { wantsMetadata } from './metadata';
import { mediaType, queryFlag, readBody, sendJson, wantsTable } from './http';
import { createObject, getCurrent, updateObject } from './objects';
import { patchObject } from './patch';
import { getOne, listObjects } from './read';
import { getScale, patchScale, putScale } from './scale';
import { parseFieldSelector, parseLabelSelector, type TMatcher } from './selectors';
import { errors } from './status';
import { toTable } from './table';
import { apiVersionOf } from '../resources';
import { checkWatchListParams, present, serveWatch } from './watch';
import type { TUser } from '../auth/identity';
import { answerReview, isReview } from './reviews';

function writeOptions(
  req: IncomingMessage,
  query: URLSearchParams,
): TWriteOptions & { fieldManagerGiven: boolean } {
  const given = query.get('fieldManager');
  const agent = String(req.headers['user-agent'] ?? 'unknown');
  const dryRun = query.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All')) {
    throw errors.invalid({ kind: 'CreateOptions', group: 'meta.k8s.io' }, '', [
      {
        field: 'dryRun',
        message: `Unsupported value: "${dryRun.join(',')}": supported values: "All"`,
        reason: 'FieldValueNotSupported',
      },
    ]);
  }
  return {
    manager: given || agent.split('/')[0]!.slice(0, 128),
    fieldManagerGiven: Boolean(given),
    dryRun: dryRun.length > 0,
  };
}

function matchersOf(query: URLSearchParams): TMatcher[] {
  return [
    parseLabelSelector(query.get('labelSelector')),
    parseFieldSelector(query.get('fieldSelector')),
  ].filter((m): m is TMatcher => Boolean(m));
}

function requireVerb(target: TTarget, verb: string, method: string): void {
  if (!target.info.verbs.includes(verb)) throw errors.methodNotAllowed(method);
}

export async function handleResource(
  cluster: TCluster,
  target: TTarget,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  watchPath: boolean,
  user: TUser,
): Promise<void> {
  const method = req.method ?? 'GET';
  const table = wantsTable(req.headers.accept);
  const metadataOnly = wantsMetadata(req.headers.accept);
  const sub = target.subresource;

  if (sub === 'log' || sub === 'proxy')
    return handlePodAndService(cluster, target, req, res, query);
  if (sub && sub !== 'status' && sub !== 'scale' && sub !== 'finalize')
    throw errors.resourceNotFound();
  if (sub && !target.info.subresources?.includes(sub)) throw errors.resourceNotFound();

  if (method === 'GET') {
    const isWatch = watchPath || queryFlag(query.get('watch'));
    checkWatchListParams(query, isWatch);
    if (isWatch) {
      requireVerb(target, 'watch', method);
      return serveWatch(cluster, target, req, res, query, matchersOf(query));
    }
    if (target.name) {
      if (sub === 'scale') return sendJson(res, 200, getScale(cluster, target));
      return sendJson(
        res,
        200,
        getOne(cluster, target, table, query.get('includeObject'), metadataOnly),
      );
    }
    requireVerb(target, 'list', method);
    return sendJson(
      res,
      200,
      listObjects(cluster, target, query, matchersOf(query), table, metadataOnly),
    );
  }

  const opts = writeOptions(req, query);
  const body = await readBody(req);
  const respond = (code: number, obj: Parameters<typeof present>[1]) =>
    sendJson(
      res,
      code,
      table
        ? toTable(
            target.info,
            [present(target, obj)],
            { resourceVersion: obj.metadata.resourceVersion },
            null,
          )
        : present(target, obj),
    );

  if (method === 'POST') {
    if (target.name) throw errors.methodNotAllowed('GET, PUT, PATCH, DELETE');
    requireVerb(target, 'create', method);
    const obj = asObject(decodeObjectBody(req, body));
    if (isReview(target)) return sendJson(res, 201, answerReview(cluster, user, target, obj));
    return respond(201, createObject(cluster, target, obj, opts));
  }
  if (!target.name) {
    if (method === 'DELETE') {
      requireVerb(target, 'deletecollection', method);
      const deleteOpts = readDeleteOptions(
        body.length ? decodeObjectBody(req, body) : undefined,
        query,
      );
      const items = deleteCollection(
        cluster,
        target,
        { ...deleteOpts, ...(opts.dryRun ? { dryRun: ['All'] } : {}) },
        matchersOf(query),
      );
      return sendJson(res, 200, {
        kind: `${target.info.kind}List`,
        apiVersion: apiVersionOf(target.info),
        metadata: { resourceVersion: String(cluster.store.resourceVersion) },
        items,
      });
    }
    throw errors.methodNotAllowed('GET, POST, DELETE');
  }
  if (method === 'PUT') {
    requireVerb(target, 'update', method);
    const input = decodeObjectBody(req, body);
    if (sub === 'scale') return sendJson(res, 200, putScale(cluster, target, input, opts));
    const current = getCurrent(cluster, target);
    // The namespace finalize subresource only rewrites spec.finalizers.
    const next = sub === 'finalize' ? { ...current, spec: asObject(input).spec } : asObject(input);
    const main = sub === 'finalize' ? { ...target, subresource: undefined } : target;
    return respond(200, updateObject(cluster, main, current, next, opts));
  }
  if (method === 'PATCH') {
    requireVerb(target, 'patch', method);
    const type = mediaType(req.headers['content-type']);
    if (sub === 'scale') return sendJson(res, 200, patchScale(cluster, target, type, body, opts));
    const { object, code } = patchObject(cluster, target, type, body, {
      ...opts,
      force: queryFlag(query.get('force')),
    });
    return respond(code, object);
  }
  if (method === 'DELETE') {
    requireVerb(target, 'delete', method);
    const deleteOpts = readDeleteOptions(
      body.length ? decodeObjectBody(req, body) : undefined,
      query,
    );
    if (opts.dryRun) deleteOpts.dryRun = ['All'];
    return respond(200, deleteByName(cluster, target, deleteOpts));
  }
  throw errors.methodNotAllowed('GET, POST, PUT, PATCH, DELETE');
}
