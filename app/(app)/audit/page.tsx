import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { StatusBadge, type TStatusTone } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { requireUser } from '@/lib/auth/session';
import { getPrisma } from '@/lib/db';

export const metadata: Metadata = { title: 'Audit' };

const OUTCOME_TONE: Record<string, TStatusTone> = {
  succeeded: 'ok',
  failed: 'fail',
  denied: 'warn',
  intent: 'info',
};
const LIMIT = 100;

export default async function AuditPage() {
  await requireUser();
  const prisma = await getPrisma();
  const records = await prisma.auditRecord.findMany({
    orderBy: { seq: 'desc' },
    take: LIMIT,
    select: {
      seq: true,
      at: true,
      actorName: true,
      actor: true,
      action: true,
      outcome: true,
      environment: true,
      cluster: true,
      release: true,
    },
  });
  return (
    <>
      <PageHeader
        title="Audit"
        description={`The latest ${LIMIT} records of the append-only audit log, newest first.`}
      />
      <Panel>
        {records.length === 0 ? (
          <EmptyState title="No audit records yet">
            Every change made through Helmdeck is recorded here.
          </EmptyState>
        ) : (
          <Table label="Audit records">
            <THead>
              <tr>
                <Th>#</Th>
                <Th>When (UTC)</Th>
                <Th>Who</Th>
                <Th>Action</Th>
                <Th>Outcome</Th>
                <Th>Where</Th>
              </tr>
            </THead>
            <TBody>
              {records.map((r) => (
                <Tr key={String(r.seq)}>
                  <Td className="tabular-nums text-slate-400">{String(r.seq)}</Td>
                  <Td className="font-mono text-xs whitespace-nowrap">
                    {r.at.toISOString().slice(0, 19).replace('T', ' ')}
                  </Td>
                  <Td>{r.actorName ?? r.actor}</Td>
                  <Td className="font-mono text-xs">{r.action}</Td>
                  <Td>
                    <StatusBadge tone={OUTCOME_TONE[r.outcome] ?? 'neutral'}>
                      {r.outcome}
                    </StatusBadge>
                  </Td>
                  <Td className="text-xs">
                    {[r.environment, r.cluster, r.release].filter(Boolean).join(' / ')}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Panel>
    </>
  );
}
