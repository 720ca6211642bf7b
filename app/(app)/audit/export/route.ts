// The audit log as CSV, filtered like the page (session or API token), of
// the caller's environments only.
import { auditCsv, filtersFrom } from '@/lib/audit';
import { apiRoute } from '@/lib/http/api-route';
import { assertSomeRole, viewScope } from '@/lib/policy';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return apiRoute(request, 'audit export', async (principal, url) => {
    assertSomeRole(principal);
    const params = Object.fromEntries(url.searchParams);
    const { filters } = filtersFrom(params);
    const csv = await auditCsv(filters, viewScope(principal));
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="helmdeck-audit-${stamp}.csv"`,
        'cache-control': 'no-store',
      },
    });
  });
}
