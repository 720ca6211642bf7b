import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { listApiTokens } from '@/lib/api-tokens';
import { requireViewer } from '@/lib/auth/session';
import { revokeTokenAction } from './actions';
import { CreateTokenForm } from './create-token-form';
import { Time } from '@/components/ui/time';

export const metadata: Metadata = { title: 'API tokens' };

export default async function SettingsPage() {
  const user = await requireViewer();
  const tokens = await listApiTokens(user.id);
  return (
    <>
      <PageHeader
        title="API tokens"
        description="For scripts and CI: the REST API under /api/v1 answers with the same data and permissions as your account. Tokens are stored hashed."
      />
      <div className="space-y-4">
        <Panel title="New token">
          <CreateTokenForm />
        </Panel>
        <Panel title={`Your tokens (${tokens.length})`}>
          {tokens.length === 0 ? (
            <EmptyState title="No tokens yet" />
          ) : (
            <Table label="API tokens">
              <THead>
                <tr>
                  <Th>Name</Th>
                  <Th>Token</Th>
                  <Th>Created</Th>
                  <Th>Last used</Th>
                  <Th>State</Th>
                  <Th />
                </tr>
              </THead>
              <TBody>
                {tokens.map((t) => (
                  <Tr key={t.id}>
                    <Td className="font-medium text-slate-900">{t.name}</Td>
                    <Td className="font-mono text-xs">{t.prefix}…</Td>
                    <Td className="text-xs">
                      <Time value={t.createdAt} />
                    </Td>
                    <Td className="text-xs">
                      <Time value={t.lastUsedAt} />
                    </Td>
                    <Td>
                      {t.revokedAt ? (
                        <StatusBadge tone="neutral">
                          revoked <Time value={t.revokedAt} />
                        </StatusBadge>
                      ) : t.expiresAt && t.expiresAt < new Date() ? (
                        <StatusBadge tone="warn">expired</StatusBadge>
                      ) : (
                        <StatusBadge tone="ok">active</StatusBadge>
                      )}
                    </Td>
                    <Td className="text-right">
                      {t.revokedAt ? null : (
                        <form action={revokeTokenAction}>
                          <input type="hidden" name="id" value={t.id} />
                          <button
                            type="submit"
                            aria-label={`Revoke token ${t.name}`}
                            className="rounded px-2 py-1 text-xs font-medium text-rose-700 hover:bg-rose-50"
                          >
                            Revoke
                          </button>
                        </form>
                      )}
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
