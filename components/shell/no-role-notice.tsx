import { NO_ROLE_MESSAGE } from '@/lib/policy/read-access';

/** What a signed-in user without any role sees instead of every page. */
export function NoRoleNotice() {
  return (
    <div data-testid="no-role" className="mx-auto mt-24 max-w-md px-6 text-center">
      <p className="text-sm font-semibold text-indigo-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">No role yet</h1>
      <p className="mt-3 text-sm text-slate-500">{NO_ROLE_MESSAGE}</p>
    </div>
  );
}
