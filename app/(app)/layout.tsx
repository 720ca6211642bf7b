import { OperationActionsProvider } from '@/components/operations/operation-actions';
import { AppShell } from '@/components/shell/app-shell';
import { requireUser } from '@/lib/auth/session';
import { signOutAction } from './actions';
import { previewOperationAction, requestOperationAction } from './operations/actions';

const operationActions = { request: requestOperationAction, preview: previewOperationAction };

// Layouts do not re-run on every navigation, so each page also calls requireUser itself.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={user} signOut={signOutAction}>
      <OperationActionsProvider actions={operationActions}>{children}</OperationActionsProvider>
    </AppShell>
  );
}
