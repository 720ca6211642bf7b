import { NoRoleNotice } from '@/components/shell/no-role-notice';
import { StatusPage } from '@/components/ui/status-page';
import { getCurrentUser } from '@/lib/auth/session';
import { signOutAction } from './(app)/actions';

export default async function Forbidden() {
  // A user without any role is refused every page: say that, not "this page".
  const user = await getCurrentUser().catch(() => null);
  if (user && user.grants.length === 0)
    return (
      <>
        <NoRoleNotice />
        <form action={signOutAction} className="mt-6 text-center">
          <button
            type="submit"
            className="text-sm font-medium text-indigo-600 hover:text-indigo-500"
          >
            Sign out
          </button>
        </form>
      </>
    );
  return (
    <StatusPage code="403" title="Not allowed">
      Your roles do not allow this page. An admin can grant you the role it needs.
    </StatusPage>
  );
}
