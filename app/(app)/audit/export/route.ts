// The audit log as CSV, filtered like the page (session or API token).
import { withPrincipal } from '@/app/api/v1/_lib/api-route';
import { auditCsv } from '@/lib/audit';
import { filtersFrom } from '../_lib/filters';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return withPrincipal(request, async () => {
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const { filters } = filtersFrom(params);
    const csv = await auditCsv(filters);
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
