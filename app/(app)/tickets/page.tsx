import type { Metadata } from 'next';
import Link from 'next/link';
import { TicketStateBadge } from '@/components/tickets/ticket-state-badge';
import { cn } from '@/components/ui/cn';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { hasRole } from '@/lib/auth/roles';
import { requireViewer } from '@/lib/auth/session';
import { runtimeConfig } from '@/lib/runtime';
import { TICKET_STATE_LABELS, TICKET_STATES } from '@/lib/tickets/ticket-states';
import { ticketCommands } from '@/lib/tickets/ticket-commands';

export const metadata: Metadata = { title: 'Tickets' };

type TSearch = Promise<{ state?: string; environment?: string }>;

export default async function TicketsPage({ searchParams }: { searchParams: TSearch }) {
  const user = await requireViewer();
  const sp = await searchParams;
  const state = TICKET_STATES.find((s) => s === sp.state);
  const environments = runtimeConfig().environments.map((e) => e.name);
  const environment = environments.find((e) => e === sp.environment);
  const tickets = await ticketCommands.list(user, { state, environment });
  const href = (s?: string, e?: string) => {
    const q = new URLSearchParams();
    if (s) q.set('state', s);
    if (e) q.set('environment', e);
    return `/tickets${q.size ? `?${q}` : ''}`;
  };
  const chip = (active: boolean) =>
    cn(
      'rounded-full px-2.5 py-1 text-xs font-medium',
      active
        ? 'bg-slate-800 text-white'
        : 'bg-white text-slate-600 ring-1 ring-slate-300 hover:bg-slate-50',
    );
  return (
    <>
      <PageHeader
        title="Change tickets"
        description="Each ticket binds approvals to one exact change: release, clusters, chart version, image tag and values."
        actions={
          <>
            {hasRole(user.grants, 'approver') ? (
              <Link
                href="/tickets/inbox"
                className="text-sm font-medium text-indigo-600 hover:text-indigo-500"
              >
                Approver inbox
              </Link>
            ) : null}
            {hasRole(user.grants, 'release_manager') ? (
              <Link
                href="/tickets/new"
                className="inline-flex h-9 items-center rounded-md bg-indigo-600 px-3.5 text-sm font-medium text-white hover:bg-indigo-500"
              >
                New ticket
              </Link>
            ) : null}
          </>
        }
      />
      <nav aria-label="Filter by state" className="mb-2 flex flex-wrap gap-1.5">
        <Link href={href(undefined, environment)} className={chip(!state)}>
          All
        </Link>
        {TICKET_STATES.map((s) => (
          <Link
            key={s}
            href={href(s, environment)}
            className={chip(state === s)}
            aria-current={state === s ? 'page' : undefined}
          >
            {TICKET_STATE_LABELS[s]}
          </Link>
        ))}
      </nav>
      <nav aria-label="Filter by environment" className="mb-4 flex flex-wrap gap-1.5">
        <Link href={href(state)} className={chip(!environment)}>
          Every environment
        </Link>
        {environments.map((e) => (
          <Link key={e} href={href(state, e)} className={chip(environment === e)}>
            {e}
          </Link>
        ))}
      </nav>
      <Panel>
        {tickets.length === 0 ? (
          <EmptyState title="No tickets match">Open one with “New ticket”.</EmptyState>
        ) : (
          <Table label="Change tickets">
            <THead>
              <tr>
                <Th>Ticket</Th>
                <Th>State</Th>
                <Th>Change</Th>
                <Th>Target</Th>
                <Th>Approvals</Th>
                <Th>Requester</Th>
                <Th>Risk</Th>
              </tr>
            </THead>
            <TBody>
              {tickets.map(({ ticket: t, state: s, status }) => (
                <Tr key={t.id}>
                  <Td>
                    <Link
                      href={`/tickets/${t.id}`}
                      className="font-medium text-indigo-600 hover:text-indigo-500"
                    >
                      #{t.id}
                    </Link>
                    {t.externalRef ? (
                      <span className="ml-2 font-mono text-xs text-slate-500">{t.externalRef}</span>
                    ) : null}
                    {t.title ? <div className="text-xs text-slate-500">{t.title}</div> : null}
                  </Td>
                  <Td>
                    <TicketStateBadge state={s} />
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
                  <Td>{t.risk}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Panel>
    </>
  );
}
