import type { Metadata } from 'next';
import Link from 'next/link';
import { ReviewForm } from '@/components/tickets/review-form';
import { TicketStateBadge } from '@/components/tickets/ticket-state-badge';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/session';
import { reviewBreakGlassAction } from '../actions';
import { ticketCommands } from '@/lib/tickets/ticket-commands';
import { Time } from '@/components/ui/time';

export const metadata: Metadata = { title: 'Approver inbox' };

export default async function InboxPage() {
  const user = await requireRole('approver');
  const [tickets, reviews] = await Promise.all([
    ticketCommands.inbox(user),
    ticketCommands.breakGlassReviews(user),
  ]);
  return (
    <>
      <PageHeader
        title="Approver inbox"
        description="Tickets waiting for your decision, oldest first, and break-glass runs to review."
      />
      <div className="space-y-4">
        <Panel
          title="Waiting for you"
          aside={`${tickets.length} ticket${tickets.length === 1 ? '' : 's'}`}
        >
          {tickets.length === 0 ? (
            <EmptyState title="Nothing to decide" />
          ) : (
            <Table label="Tickets waiting for you">
              <THead>
                <tr>
                  <Th>Ticket</Th>
                  <Th>State</Th>
                  <Th>Change</Th>
                  <Th>Target</Th>
                  <Th>Approvals</Th>
                  <Th>Requester</Th>
                </tr>
              </THead>
              <TBody>
                {tickets.map(({ ticket: t, state, status }) => (
                  <Tr key={t.id}>
                    <Td>
                      <Link className="font-medium text-indigo-600" href={`/tickets/${t.id}`}>
                        #{t.id}
                      </Link>
                      {t.externalRef ? (
                        <span className="ml-2 font-mono text-xs text-slate-500">
                          {t.externalRef}
                        </span>
                      ) : null}
                    </Td>
                    <Td>
                      <TicketStateBadge state={state} />
                    </Td>
                    <Td className="font-mono text-xs">
                      {t.release} {t.chartVersion}
                      {t.imageTag ? ` · image ${t.imageTag}` : ''}
                    </Td>
                    <Td>
                      {t.environment} / {t.clusters.join(', ')}
                    </Td>
                    <Td>
                      {status.approvedBy.length} of {status.required}
                    </Td>
                    <Td>{t.requester.name}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </Panel>
        <Panel title="Break-glass runs to review" aside="admins ran these without the gate">
          {reviews.length === 0 ? (
            <EmptyState title="No break-glass run is waiting for review" />
          ) : (
            <Table label="Break-glass runs">
              <THead>
                <tr>
                  <Th>Operation</Th>
                  <Th>Where</Th>
                  <Th>Reason</Th>
                  <Th>When</Th>
                  <Th>Review</Th>
                </tr>
              </THead>
              <TBody>
                {reviews.map((r) => (
                  <Tr key={r.operationId}>
                    <Td>
                      <Link
                        className="font-medium text-indigo-600"
                        href={`/operations/${r.operationId}`}
                      >
                        #{r.operationId}
                      </Link>
                    </Td>
                    <Td>
                      {r.release} in {r.environment}/{r.cluster}
                    </Td>
                    <Td className="max-w-sm">{r.reason}</Td>
                    <Td className="text-xs">
                      <Time value={r.createdAt} />
                    </Td>
                    <Td>
                      <ReviewForm review={reviewBreakGlassAction.bind(null, r.operationId)} />
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </Panel>
      </div>
    </>
  );
}
