// The sandbox's own admin endpoint: faults on demand.
//   GET    /sandbox/faults                 -> { faults: { <cluster>: TFault[] } }
//   POST   /sandbox/faults {cluster?, fault} (cluster defaults to this server's)
//   DELETE /sandbox/faults[?cluster=x]     (all clusters when none is named)
// Any cluster's server accepts requests for any cluster, so a cluster made
// unreachable can be restored through another one (or after durationMs).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ZFault } from '../faults';
import { parseJson } from './body';
import { readBody, sendError, sendJson } from './http';
import type { TServerOptions } from './server';
import { errors } from './status';

const ZSetFault = z.object({ cluster: z.string().optional(), fault: ZFault });

export async function handleAdmin(
  opts: TServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'https://sandbox');
    if (url.pathname.replace(/\/+$/, '') !== '/sandbox/faults') throw errors.resourceNotFound();
    if (req.headers.authorization !== `Bearer ${opts.adminToken}`) throw errors.unauthorized();
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
      const parsed = ZSetFault.safeParse(parseJson((await readBody(req)).toString('utf8')));
      if (!parsed.success)
        throw errors.badRequest(
          `invalid fault: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      const cluster = known(parsed.data.cluster ?? opts.name);
      opts.faults.set(cluster, parsed.data.fault);
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
