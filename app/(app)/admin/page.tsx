import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { listUsers } from '@/lib/users';
import { CreateUserForm } from './create-user-form';
import { GrantRoleForm } from './grant-role-form';
import { RoleChip } from './role-chip';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminPage() {
  await requireRole('admin');
  const users = await listUsers();
  const config = getConfig();
  const environments = config.environments.map((e) => e.name);
  return (
    <>
      <PageHeader
        title="Users and roles"
        description={`Viewers watch; release managers change releases; approvers sign off tickets; admins manage users.${config.auth.oidc ? ' Roles from SSO groups follow the identity provider at every sign-in.' : ''}`}
      />
      <div className="space-y-5">
        <Panel title="Users" aside={`${users.length} user${users.length === 1 ? '' : 's'}`}>
          <Table label="Users">
            <THead>
              <tr>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Roles</Th>
                <Th>Add role</Th>
              </tr>
            </THead>
            <TBody>
              {users.map((u) => (
                <Tr key={u.id}>
                  <Td className="font-medium text-slate-900">{u.name}</Td>
                  <Td>{u.email}</Td>
                  <Td>
                    <ul aria-label={`Roles of ${u.name}`} className="flex flex-wrap gap-1">
                      {u.grants.length === 0 ? (
                        <li className="text-xs text-slate-500">none</li>
                      ) : null}
                      {u.grants.map((g) => (
                        <RoleChip key={g.id} grant={g} />
                      ))}
                    </ul>
                  </Td>
                  <Td>
                    <GrantRoleForm userId={u.id} userName={u.name} environments={environments} />
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </Panel>
        {config.auth.passwordSignIn ? (
          <Panel title="Create user">
            <CreateUserForm />
          </Panel>
        ) : null}
      </div>
    </>
  );
}
