import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { requireUser } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Tickets' };

export default async function TicketsPage() {
  await requireUser();
  const { environments } = getConfig();
  return (
    <>
      <PageHeader
        title="Change tickets"
        description="Which environments need an approved ticket before a change, and how many approvers sign it off."
      />
      <Panel title="Ticket rules per environment">
        <Table label="Ticket rules">
          <THead>
            <tr>
              <Th>Environment</Th>
              <Th>Ticket required</Th>
              <Th>Approvals</Th>
              <Th>Approval valid for</Th>
            </tr>
          </THead>
          <TBody>
            {environments.map((env) => (
              <Tr key={env.name}>
                <Td className="font-medium text-slate-900">{env.name}</Td>
                <Td>
                  {env.requireTicket ? (
                    <StatusBadge tone="warn">Required</StatusBadge>
                  ) : (
                    <StatusBadge tone="neutral">No</StatusBadge>
                  )}
                </Td>
                <Td>{env.approvals}</Td>
                <Td>{env.approvalTtlHours} h</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </Panel>
    </>
  );
}
