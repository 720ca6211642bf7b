import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { StatusBadge, type TStatusTone } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { requireViewer } from '@/lib/auth/session';
import { decide, viewScope } from '@/lib/policy';
import { verifyChainAction } from './actions';
import { AuditFilterForm } from './filter-form';
import { filtersFrom, listAudit, queryOf } from '@/lib/audit';
import { VerifyChainButton } from './verify-chain-button';

export const metadata: Metadata = { title: 'Audit' };

const OUTCOME_TONE: Record<string, TStatusTone> = {
  succeeded: 'ok',
  failed: 'fail',
  denied: 'warn',
  intent: 'info',
};
const PAGE_SIZE = 50;

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: TProps) {
  const user = await requireViewer();
  const params = await searchParams;
  const { filters, problems } = filtersFrom(params);
  const pageParam = Number(Array.isArray(params.page) ? params.page[0] : params.page);
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const { records, total } = await listAudit(
    filters,
    { page, pageSize: PAGE_SIZE },
    viewScope(user),
  );
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const mayVerify = decide({ user, action: 'audit.verify', target: {} }).allow;
  return (
    <>
      <PageHeader
        title="Audit"
        description="The append-only, hash-chained record of every change and refusal, newest first."
        actions={
          <>
            {mayVerify ? <VerifyChainButton verify={verifyChainAction} /> : null}
            <a
              href={`/audit/export${queryOf(filters)}`}
              className="inline-flex h-7 items-center rounded-md border border-slate-300 bg-white px-2.5 text-xs font-medium text-slate-700 hover:bg-slate-50"
            >
              Export CSV
            </a>
          </>
        }
      />
      <AuditFilterForm values={filters as Record<string, string | number | undefined>} />
      {problems.length ? (
        <p role="status" className="mb-2 text-xs text-amber-700">
          {problems.join('; ')}
        </p>
      ) : null}
      <Panel title={`${total} record${total === 1 ? '' : 's'}`} aside={`page ${page} of ${pages}`}>
        {records.length === 0 ? (
          <EmptyState title="No audit records match">
            Every change made through Helmdeck is recorded here.
          </EmptyState>
        ) : (
          <Table label="Audit records">
            <THead>
              <tr>
                <Th>#</Th>
                <Th>When</Th>
                <Th>Who</Th>
                <Th>Action</Th>
                <Th>Outcome</Th>
                <Th>Where</Th>
                <Th>Revision</Th>
                <Th>Operation</Th>
                <Th>Error</Th>
              </tr>
            </THead>
            <TBody>
              {records.map((r) => (
                <Tr key={r.seq}>
                  <Td>
                    <Link
                      href={`/audit/${r.seq}`}
                      className="font-mono text-xs text-indigo-600 hover:underline"
                    >
                      {r.seq}
                    </Link>
                  </Td>
                  <Td className="text-xs">
                    <Time value={r.at} />
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
                  <Td className="font-mono text-xs">
                    {r.revisionBefore !== null || r.revisionAfter !== null
                      ? `${r.revisionBefore ?? '—'} → ${r.revisionAfter ?? '—'}`
                      : ''}
                  </Td>
                  <Td>
                    {r.operationId ? (
                      <Link
                        href={`/operations/${r.operationId}`}
                        className="font-mono text-xs text-indigo-600 hover:underline"
                      >
                        #{r.operationId}
                      </Link>
                    ) : null}
                  </Td>
                  <Td
                    className="max-w-xs truncate text-xs text-slate-500"
                    title={r.error ?? undefined}
                  >
                    {r.error}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Panel>
      {pages > 1 ? (
        <nav aria-label="Pages" className="mt-3 flex gap-3 text-sm">
          {page > 1 ? (
            <Link href={`/audit${queryOf(filters, { page: String(page - 1) })}`}>← Newer</Link>
          ) : null}
          {page < pages ? (
            <Link href={`/audit${queryOf(filters, { page: String(page + 1) })}`}>Older →</Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
