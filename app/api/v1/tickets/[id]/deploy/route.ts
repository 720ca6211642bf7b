// POST { clusters?, breakGlassReason? }: queues the approved ticket's change
// on its clusters; 202 with the operations, 409 with the gate checklist when refused.
import { ticketCommands } from '@/app/(app)/tickets/_lib/ticket-commands';
import { jsonBody, ticketRoute, type TIdParams } from '../../_lib/ticket-route';

export const dynamic = 'force-dynamic';

export function POST(request: Request, { params }: TIdParams): Promise<Response> {
  return ticketRoute(
    request,
    'tickets.deploy',
    async (user) => {
      const ops = await ticketCommands.deploy(user, {
        ...(await jsonBody(request)),
        id: (await params).id,
      });
      return {
        operations: ops.map((o) => ({
          id: o.id,
          kind: o.kind,
          cluster: o.cluster,
          state: o.state,
          url: `/operations/${o.id}`,
        })),
      };
    },
    202,
  );
}
