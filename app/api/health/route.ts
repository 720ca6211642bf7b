import { checkReadiness } from '@/lib/runtime/readiness';

export const dynamic = 'force-dynamic';

/**
 * Liveness (`/api/health`, `?probe=live`): 200 while the process serves.
 * Readiness (`?probe=ready`): the database and each cluster as ok/failed;
 * 503 when the database is down. Unauthenticated, so it names no hosts, URLs or errors.
 */
export async function GET(request: Request): Promise<Response> {
  const probe = new URL(request.url).searchParams.get('probe') ?? 'live';
  if (probe === 'live')
    return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
  if (probe !== 'ready')
    return Response.json({ error: 'probe must be live or ready' }, { status: 400 });
  const readiness = await checkReadiness();
  return Response.json(readiness, {
    status: readiness.checks.database === 'ok' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
