'use client';

// Events of the release's objects, grouped by object; warnings only unless asked for all.
import { useState } from 'react';
import { EmptyState, Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, Td, Th, THead, Tr } from '@/components/ui/table';
import type { TEventFact } from '@/lib/release-view';
import { groupEvents } from './event-groups';
import { Time } from '@/components/ui/time';

export function ReleaseEvents({ events, now }: { events: TEventFact[]; now: number }) {
  const [warningsOnly, setWarningsOnly] = useState(true);
  const groups = groupEvents(events, warningsOnly);
  const warnings = events.filter((e) => e.type === 'Warning').length;
  return (
    <Panel
      title="Recent events"
      aside={
        <label className="inline-flex items-center gap-1.5 text-xs text-slate-700">
          <input
            type="checkbox"
            checked={warningsOnly}
            onChange={(e) => setWarningsOnly(e.target.checked)}
          />
          Warnings only ({warnings} of {events.length})
        </label>
      }
    >
      {groups.length === 0 ? (
        <EmptyState
          title={
            warningsOnly && events.length > 0
              ? 'No warnings for this release’s objects'
              : 'No recent events for this release’s objects'
          }
        />
      ) : (
        <Table label="Events">
          <THead>
            <tr>
              <Th>Type</Th>
              <Th>Reason</Th>
              <Th>Message</Th>
              <Th>Count</Th>
              <Th>Last seen</Th>
            </tr>
          </THead>
          {groups.map((g) => (
            <tbody key={g.object} className="divide-y divide-slate-100 border-t border-slate-200">
              <tr className="bg-slate-50">
                <th
                  scope="rowgroup"
                  colSpan={5}
                  className="px-4 py-1.5 text-left font-mono text-xs font-semibold text-slate-800"
                >
                  {g.object}
                  <span className="ml-2 font-sans font-normal text-slate-500">
                    {g.events.length} event{g.events.length === 1 ? '' : 's'}
                    {g.warnings ? `, ${g.warnings} warning${g.warnings === 1 ? '' : 's'}` : ''}
                  </span>
                </th>
              </tr>
              {g.events.map((e, i) => (
                <Tr key={i}>
                  <Td>
                    <StatusBadge tone={e.type === 'Warning' ? 'warn' : 'neutral'}>
                      {e.type}
                    </StatusBadge>
                  </Td>
                  <Td className="text-xs font-medium">{e.reason}</Td>
                  <Td className="max-w-lg text-xs">{e.message}</Td>
                  <Td className="font-mono text-xs">{e.count}</Td>
                  <Td className="text-xs whitespace-nowrap text-slate-500">
                    <Time value={e.lastSeen} now={now} />
                  </Td>
                </Tr>
              ))}
            </tbody>
          ))}
        </Table>
      )}
    </Panel>
  );
}
