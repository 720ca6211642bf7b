import { EmptyState, Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { TEventFact } from '@/lib/release-view';
import { Time } from '@/components/ui/time';

export function ReleaseEvents({ events, now }: { events: TEventFact[]; now: number }) {
  return (
    <Panel title="Recent events">
      {events.length === 0 ? (
        <EmptyState title="No recent events for this release's objects" />
      ) : (
        <Table label="Events">
          <THead>
            <tr>
              <Th>Type</Th>
              <Th>Reason</Th>
              <Th>Object</Th>
              <Th>Message</Th>
              <Th>Count</Th>
              <Th>Last seen</Th>
            </tr>
          </THead>
          <TBody>
            {events.map((e, i) => (
              <Tr key={i}>
                <Td>
                  <StatusBadge tone={e.type === 'Warning' ? 'warn' : 'neutral'}>
                    {e.type}
                  </StatusBadge>
                </Td>
                <Td className="text-xs font-medium">{e.reason}</Td>
                <Td className="font-mono text-xs">{e.object}</Td>
                <Td className="max-w-lg text-xs">{e.message}</Td>
                <Td className="font-mono text-xs">{e.count}</Td>
                <Td className="text-xs whitespace-nowrap text-slate-500">
                  <Time value={e.lastSeen} now={now} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Panel>
  );
}
