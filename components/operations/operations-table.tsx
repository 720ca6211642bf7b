import Link from 'next/link';
import type { TOperationView } from '@/lib/operations/operation-view';
import { durationText } from '@/components/releases/format';
import { EmptyState } from '@/components/ui/panel';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { OperationStateBadge } from './state-badge';

export function OperationsTable({ operations }: { operations: TOperationView[] }) {
  if (operations.length === 0)
    return (
      <EmptyState title="No operations">
        Operations appear here once someone changes a release.
      </EmptyState>
    );
  return (
    <Table label="Operations">
      <THead>
        <tr>
          <Th>#</Th>
          <Th>Kind</Th>
          <Th>Release</Th>
          <Th>Where</Th>
          <Th>State</Th>
          <Th>Revision</Th>
          <Th>By</Th>
          <Th>Queued (UTC)</Th>
          <Th>Took</Th>
        </tr>
      </THead>
      <TBody>
        {operations.map((o) => (
          <Tr key={o.id}>
            <Td>
              <Link
                href={`/operations/${o.id}`}
                className="font-mono text-xs font-semibold text-indigo-600 hover:underline"
              >
                #{o.id}
              </Link>
            </Td>
            <Td className="font-mono text-xs">{o.kind}</Td>
            <Td>{o.release}</Td>
            <Td className="text-xs">
              {o.environment}/{o.cluster}
            </Td>
            <Td>
              <OperationStateBadge state={o.state} />
            </Td>
            <Td className="font-mono text-xs">
              {o.revisionBefore ?? '—'} → {o.revisionAfter ?? o.targetRevision ?? '—'}
            </Td>
            <Td className="text-xs">{o.requestedBy}</Td>
            <Td className="font-mono text-xs whitespace-nowrap">
              {o.createdAt.slice(0, 19).replace('T', ' ')}
            </Td>
            <Td className="text-xs">
              {o.finishedAt && o.startedAt
                ? durationText(Date.parse(o.finishedAt) - Date.parse(o.startedAt))
                : '—'}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
