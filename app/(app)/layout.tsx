import { OperationActionsProvider } from '@/components/operations/operation-actions';
import { PromotionActionsProvider } from '@/components/promotions/promotion-actions';
import { AppShell } from '@/components/shell/app-shell';
import { requireViewer } from '@/lib/auth/session';
import { signOutAction } from './actions';
import { previewOperationAction, requestOperationAction } from './operations/actions';
import {
  controlPromotionAction,
  createPromotionTicketAction,
  previewPromotionAction,
  promoteAction,
} from './promotions/actions';

const operationActions = { request: requestOperationAction, preview: previewOperationAction };
const promotionActions = {
  preview: previewPromotionAction,
  promote: promoteAction,
  control: controlPromotionAction,
  createTicket: createPromotionTicketAction,
};

// A user without a role gets 403 and only the notice (app/forbidden.tsx), no navigation.
// Layouts do not re-run on every navigation, so each page also checks the user itself
// (requireViewer / requireView).
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireViewer();
  return (
    <AppShell user={user} signOut={signOutAction}>
      <OperationActionsProvider actions={operationActions}>
        <PromotionActionsProvider actions={promotionActions}>{children}</PromotionActionsProvider>
      </OperationActionsProvider>
    </AppShell>
  );
}
