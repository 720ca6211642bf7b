import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { StatusBadge, Tag } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { requireViewer } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { mayView } from '@/lib/policy';

export const metadata: Metadata = { title: 'Environments' };

export default async function EnvironmentsPage() {
  const user = await requireViewer();
  const config = getConfig();
  const environments = config.environments.filter((e) => mayView(user, e.name));
  return (
    <>
      <PageHeader
        title="Environments"
        description="As configured in helmdeck.yaml. Open an environment for its live release status."
      />
      <Panel>
        <Table label="Environments">
          <THead>
            <tr>
              <Th>Environment</Th>
              <Th>Namespace</Th>
              <Th>Clusters (context)</Th>
              <Th>Values files</Th>
              <Th>Change control</Th>
              <Th>Freeze windows</Th>
              <Th>helm</Th>
            </tr>
          </THead>
          <TBody>
            {environments.map((env) => (
              <Tr key={env.name}>
                <Td className="font-medium text-slate-900">
                  <Link
                    href={`/environments/${encodeURIComponent(env.name)}`}
                    className="text-indigo-700 hover:underline"
                  >
                    {env.name}
                  </Link>
                </Td>
                <Td className="font-mono text-xs">{env.namespace}</Td>
                <Td>
                  <ul className="space-y-0.5">
                    {env.clusters.map((c) => (
                      <li key={c.name}>
                        {c.name}{' '}
                        <span className="font-mono text-xs text-slate-500">({c.context})</span>
                      </li>
                    ))}
                  </ul>
                </Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {env.valuesFiles.length === 0 ? (
                      <span className="text-slate-500">none</span>
                    ) : null}
                    {env.valuesFiles.map((f) => (
                      <Tag key={f}>{f}</Tag>
                    ))}
                  </div>
                </Td>
                <Td>
                  {env.requireTicket ? (
                    <StatusBadge tone="warn">
                      Ticket, {env.approvals} approval{env.approvals === 1 ? '' : 's'}
                    </StatusBadge>
                  ) : (
                    <StatusBadge tone="neutral">No ticket</StatusBadge>
                  )}
                </Td>
                <Td>
                  {env.freezeWindows.length === 0 ? (
                    <span className="text-slate-500">none</span>
                  ) : (
                    env.freezeWindows.length
                  )}
                </Td>
                <Td className="text-xs text-slate-500">
                  timeout {env.timeout}, history {env.historyMax}
                  {env.autoRollback ? ', auto-rollback' : ''}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </Panel>
    </>
  );
}
