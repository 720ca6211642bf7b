import { AppShell } from '@/components/shell/app-shell';
import { requireUser } from '@/lib/auth/session';
import { signOutAction } from './actions';

// Layouts do not re-run on every navigation, so each page also calls requireUser itself.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={user} signOut={signOutAction}>
      {children}
    </AppShell>
  );
}
