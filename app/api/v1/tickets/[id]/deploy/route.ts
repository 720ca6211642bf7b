// POST { clusters?, breakGlassReason? }: queues the approved ticket's change
// on its clusters; 202 with the operations, 409 with the gate checklist when refused.
import { apiRoute, jsonBody, type TIdParams } from '@/lib/http/api-route';
import { deployTicketCommand } from '@/lib/operations';

export const dynamic = 'force-dynamic';

export function POST(request: Request, { params }: TIdParams): Promise<Response> {
  return apiRoute(
    request,
    'tickets.deploy',
    async (user) => {
      const ops = await deployTicketCommand(user, {
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
    { status: 202 },
  );
}
