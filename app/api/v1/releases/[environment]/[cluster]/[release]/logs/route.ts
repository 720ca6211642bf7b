// One container's log of a release's pod: `?pod=&container=&previous=true`
// answers the last lines as JSON; `follow=true` answers server-sent events
// (`lines`, then `end` when the container's run ends, `problem` if the cluster fails).
import { authorizeRead } from '@/lib/auth/read-check';
import { apiRoute } from '@/lib/http/api-route';
import { BadParamError, nameParam, segments } from '@/lib/http/params';
import { sseResponse } from '@/lib/http/sse';
import { isAppError } from '@/lib/errors';
import { openPodLog } from '@/lib/release-view/pod-logs';

export const dynamic = 'force-dynamic';

type TParams = { environment: string; cluster: string; release: string };

function flag(url: URL, name: string): boolean {
  const v = url.searchParams.get(name);
  if (v === null || v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw new BadParamError(name, 'must be "true" or "false"');
}

const POD = /^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

function podParam(value: string | null): string {
  if (!value) throw new BadParamError('pod', 'is required');
  if (value.length > 253 || !POD.test(value))
    throw new BadParamError('pod', 'must be a pod name (lowercase letters, digits, "-" and ".")');
  return value;
}

export function GET(request: Request, ctx: { params: Promise<TParams> }): Promise<Response> {
  return apiRoute(request, 'pod log', async (principal, url) => {
    const p = await segments(ctx.params);
    const environment = nameParam('environment', p.environment);
    const cluster = nameParam('cluster', p.cluster);
    const release = nameParam('release', p.release);
    await authorizeRead(principal, { environment, cluster });
    const pod = podParam(url.searchParams.get('pod'));
    const asked = url.searchParams.get('container');
    const container = asked ? nameParam('container', asked) : undefined;
    const previous = flag(url, 'previous');
    const follow = flag(url, 'follow');
    const log = await openPodLog({
      environment,
      cluster,
      release,
      pod,
      container,
      previous,
      follow,
      reader: principal,
    });
    if (!follow) {
      const lines: string[] = [];
      await log.stream({}, (more) => lines.push(...more));
      return { pod, container: log.container, previous, lines };
    }
    const encoder = new TextEncoder();
    const abort = new AbortController();
    request.signal.addEventListener('abort', () => abort.abort());
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (event: string, data: unknown) => {
          if (abort.signal.aborted) return;
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        };
        log
          .stream({ signal: abort.signal }, (lines) => send('lines', { lines }))
          .then(
            () => send('end', {}),
            (err: unknown) =>
              send('problem', {
                message: isAppError(err) ? err.userMessage : 'The log stream failed.',
              }),
          )
          .finally(() => {
            try {
              controller.close();
            } catch {
              // the follower left first
            }
          });
      },
      cancel() {
        abort.abort();
      },
    });
    return sseResponse(stream);
  });
}
