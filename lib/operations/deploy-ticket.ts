// "Deploy this ticket": one operation per target cluster of an approved
// change ticket, carrying exactly the ticket's content, so the gate's
// content check holds by construction and anything else is refused by it.
import { findCluster, findEnvironment, releaseOfHelmName, strategyFor } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { TicketError } from '@/lib/tickets/ticket-context';
import { OperationInputError } from './errors';
import { releaseRevisions } from './release-state';
import { requestOperation, type TActor, type TOperation } from './request-operation';
import { operationsRuntime } from './runtime';

export type TDeployTicketOptions = {
  /** A subset of the ticket's clusters; all of them when absent. */
  clusters?: string[];
  breakGlassReason?: string;
};

/** Queues the ticket's change on each target cluster, in order; stops at the first refusal. */
export async function deployTicket(
  actor: TActor,
  ticketId: number,
  options: TDeployTicketOptions = {},
): Promise<TOperation[]> {
  const prisma = await getPrisma();
  const ticket = await prisma.changeTicket.findUnique({ where: { id: ticketId } });
  if (!ticket) throw new TicketError('not-found', `Change ticket #${ticketId} does not exist.`);
  const clusters = options.clusters ?? ticket.clusters;
  const stray = clusters.filter((c) => !ticket.clusters.includes(c));
  if (stray.length > 0)
    throw new TicketError(
      'invalid',
      `Ticket #${ticketId} does not cover ${stray.join(', ')} (it covers ${ticket.clusters.join(', ')}).`,
    );
  const { config } = operationsRuntime();
  const environment = findEnvironment(config, ticket.environment);
  const configured = releaseOfHelmName(config.releases, ticket.release, ticket.environment);
  const ops: TOperation[] = [];
  for (const name of clusters) {
    const cluster = environment && findCluster(environment, name);
    if (!environment || !cluster || !configured)
      throw new OperationInputError([
        `${ticket.environment}/${name}: ${ticket.release} is not in the configuration`,
      ]);
    // A ticket naming a blue/green colour deploys to that colour while it is idle.
    const strategy = strategyFor(configured, environment.name, cluster.name);
    const colour =
      strategy.type === 'blueGreen' && ticket.release !== configured.name
        ? strategy.colours.find((c) => `${configured.name}-${c}` === ticket.release)
        : undefined;
    let installed: boolean;
    try {
      const revisions = await releaseRevisions({ environment, cluster, release: ticket.release });
      installed = revisions.some((r) => r.status !== 'uninstalled');
    } catch {
      throw new OperationInputError([`cluster: ${name} cannot be reached; try again`]);
    }
    const local = configured.chartRef.kind === 'local';
    ops.push(
      await requestOperation({
        actor,
        kind: colour ? 'deploy_idle' : installed ? 'upgrade' : 'install',
        environment: ticket.environment,
        cluster: name,
        release: configured.name,
        params: {
          ...(colour ? { colour } : {}),
          ...(local || !ticket.chartVersion ? {} : { version: ticket.chartVersion }),
          ...(ticket.imageTag ? { imageTag: ticket.imageTag } : {}),
          values: ticket.values ?? '',
        },
        ticketId,
        ...(options.breakGlassReason !== undefined
          ? { breakGlassReason: options.breakGlassReason }
          : {}),
      }),
    );
  }
  return ops;
}
