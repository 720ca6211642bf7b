import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { Tag } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { requireViewer } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Releases' };

export default async function ReleasesPage() {
  await requireViewer();
  const { releases } = getConfig();
  return (
    <>
      <PageHeader
        title="Releases"
        description="The releases Helmdeck manages and the path each one is promoted along."
      />
      <Panel>
        {releases.length === 0 ? (
          <EmptyState title="No releases configured">
            Add them under `releases:` in helmdeck.yaml.
          </EmptyState>
        ) : (
          <Table label="Releases">
            <THead>
              <tr>
                <Th>Release</Th>
                <Th>Chart</Th>
                <Th>Version</Th>
                <Th>Promotion</Th>
              </tr>
            </THead>
            <TBody>
              {releases.map((r) => (
                <Tr key={r.name}>
                  <Td className="font-medium text-slate-900">{r.name}</Td>
                  <Td className="font-mono text-xs">{r.chart}</Td>
                  <Td>{r.version ?? <span className="text-slate-500">from chart</span>}</Td>
                  <Td>
                    <ol
                      aria-label={`Promotion of ${r.name}`}
                      className="flex flex-wrap items-center gap-1"
                    >
                      {r.promotion.map((env, i) => (
                        <li key={env} className="flex items-center gap-1">
                          {i > 0 ? (
                            <span aria-hidden className="text-slate-500">
                              →
                            </span>
                          ) : null}
                          <Tag>{env}</Tag>
                        </li>
                      ))}
                    </ol>
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
