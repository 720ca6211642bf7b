// The sandbox's own admin endpoint: faults on demand, and users for RBAC tests.
//   GET    /sandbox/faults                 -> { faults: { <cluster>: TFault[] } }
//   POST   /sandbox/faults {cluster?, fault} (cluster defaults to this server's)
//   DELETE /sandbox/faults[?cluster=x]     (all clusters when none is named)
//   POST   /sandbox/users {name, groups?}  -> { token } (accepted by every cluster)
// Any cluster's server accepts requests for any cluster, so a cluster made
// unreachable can be restored through another one (or after durationMs).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ZUserSpec } from '../auth/identity';
import { ZFault } from '../faults';
import { parseJson } from './body';
import { readBody, sendError, sendJson } from './http';
import type { TServerOptions } from './server';
import { errors } from './status';

const ZSetFault = z.object({ cluster: z.string().optional(), fault: ZFault });

function parsed<T>(schema: z.ZodType<T>, what: string, text: string): T {
  const result = schema.safeParse(parseJson(text));
  if (!result.success)
    throw errors.badRequest(
      `invalid ${what}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return result.data;
}

export async function handleAdmin(
  opts: TServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'https://sandbox');
    const endpoint = url.pathname.replace(/\/+$/, '');
    if (endpoint !== '/sandbox/faults' && endpoint !== '/sandbox/users')
      throw errors.resourceNotFound();
    if (req.headers.authorization !== `Bearer ${opts.adminToken}`) throw errors.unauthorized();
    if (endpoint === '/sandbox/users') {
      if (req.method !== 'POST') throw errors.methodNotAllowed('POST');
      const user = parsed(ZUserSpec, 'user', (await readBody(req)).toString('utf8'));
      return sendJson(res, 201, { name: user.name, token: opts.users.add(user) });
    }
    const known = (name: string) => {
      if (!opts.clusterNames.includes(name))
        throw errors.notFound({ plural: 'clusters', group: 'sandbox' }, name);
      return name;
    };
    if (req.method === 'GET') {
      const faults = Object.fromEntries(opts.clusterNames.map((c) => [c, opts.faults.active(c)]));
      return sendJson(res, 200, { faults });
    }
    if (req.method === 'POST') {
      const body = parsed(ZSetFault, 'fault', (await readBody(req)).toString('utf8'));
      const cluster = known(body.cluster ?? opts.name);
      opts.faults.set(cluster, body.fault);
      return sendJson(res, 200, { cluster, faults: opts.faults.active(cluster) });
    }
    if (req.method === 'DELETE') {
      const cluster = url.searchParams.get('cluster');
      opts.faults.clear(cluster === null ? undefined : known(cluster));
      return sendJson(res, 200, { cleared: cluster ?? 'all' });
    }
    throw errors.methodNotAllowed('GET, POST, DELETE');
  } catch (err) {
    sendError(res, err);
  }
}
