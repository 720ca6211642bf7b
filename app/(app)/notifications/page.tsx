import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { StatusBadge, type TStatusTone } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { requireRole } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { listDeliveries, webhookName, webhookTarget, type TDeliveryRow } from '@/lib/notifications';
import { SendTestForm } from './send-test-form';

export const metadata: Metadata = { title: 'Notifications' };
// Deliveries change as the dispatcher works: always read them fresh.
export const dynamic = 'force-dynamic';

const STATE_TONE: Record<TDeliveryRow['state'], TStatusTone> = {
  pending: 'warn',
  delivered: 'ok',
  failed: 'fail',
};

function Answer({ row }: { row: TDeliveryRow }) {
  if (row.attempts === 0) return <span className="text-slate-500">not sent yet</span>;
  return (
    <span>
      {row.lastStatusCode !== null ? `HTTP ${row.lastStatusCode}` : 'no answer'}
      {row.lastError && row.lastError !== `HTTP ${row.lastStatusCode}` ? (
        <span className="block text-xs text-rose-700">{row.lastError}</span>
      ) : null}
    </span>
  );
}

function About({ row }: { row: TDeliveryRow }) {
  if (row.operationId !== null)
    return (
      <Link href={`/operations/${row.operationId}`} className="text-indigo-700 hover:underline">
        operation #{row.operationId}
      </Link>
    );
  if (row.ticketId !== null)
    return (
      <Link href={`/tickets/${row.ticketId}`} className="text-indigo-700 hover:underline">
        ticket #{row.ticketId}
      </Link>
    );
  return <span className="text-slate-500">—</span>;
}

/** Webhook deliveries, newest first. Admins only: they manage where notifications go. */
export default async function NotificationsPage() {
  await requireRole('admin');
  const webhooks = getConfig().webhooks;
  const deliveries = await listDeliveries(await getPrisma());
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Every webhook delivery with its event, attempts, last answer and next retry. Failed attempts are retried with growing waits; client errors other than 408 and 429 are not."
      />
      <div className="space-y-5">
        <Panel title="Webhooks" aside={`${webhooks.length} configured`}>
          {webhooks.length === 0 ? (
            <EmptyState title="No webhooks configured">
              Add them under webhooks: in helmdeck.yaml.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {webhooks.map((w, i) => (
                <li
                  key={webhookName(w, i)}
                  className="flex flex-wrap items-center justify-between gap-3 px-4 py-3"
                >
                  <div className="min-w-0 text-sm">
                    <p className="font-medium text-slate-900">{webhookName(w, i)}</p>
                    <p className="text-xs text-slate-600">
                      {webhookTarget(w.url)} · {w.format} · {w.events.join(', ')}
                    </p>
                  </div>
                  <SendTestForm webhook={webhookName(w, i)} />
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="Deliveries" aside={`newest ${deliveries.length}`}>
          {deliveries.length === 0 ? (
            <EmptyState title="No deliveries yet" />
          ) : (
            <Table label="Webhook deliveries">
              <THead>
                <tr>
                  <Th>Event</Th>
                  <Th>Webhook</Th>
                  <Th>State</Th>
                  <Th>Attempts</Th>
                  <Th>Answer</Th>
                  <Th>Next retry</Th>
                  <Th>Queued</Th>
                  <Th>About</Th>
                </tr>
              </THead>
              <TBody>
                {deliveries.map((d) => (
                  <Tr key={d.id}>
                    <Td className="font-medium whitespace-nowrap text-slate-900">{d.event}</Td>
                    <Td>
                      {d.webhook}
                      <span className="block text-xs text-slate-600">{d.target}</span>
                    </Td>
                    <Td>
                      <StatusBadge tone={STATE_TONE[d.state]}>{d.state}</StatusBadge>
                    </Td>
                    <Td>{d.attempts}</Td>
                    <Td>
                      <Answer row={d} />
                    </Td>
                    <Td>{d.nextAttemptAt ? <Time value={d.nextAttemptAt} /> : '—'}</Td>
                    <Td>
                      <Time value={d.createdAt} />
                    </Td>
                    <Td>
                      <About row={d} />
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
