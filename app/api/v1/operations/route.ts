// Operations for CI pipelines: POST queues one with the same validation,
// policy and audit as the release page (202 + the operation); GET lists them.
// Refusals answer 403 (policy), 409 (another operation holds the release) or
// 400 (bad input, with one problem per line).
import { HTTP_STATUS } from '@/app/(app)/operations/_lib/command-result';
import { submitOperation } from '@/app/(app)/operations/_lib/operation-commands';
import { listOperations, ZOperationFilters } from '@/app/(app)/operations/_lib/read-operations';
import { apiRoute, BadParamError, jsonError, withPrincipal } from '../_lib/api-route';

export const dynamic = 'force-dynamic';

const MAX_BODY = 6 * 1024 * 1024;

export async function POST(request: Request): Promise<Response> {
  return withPrincipal(request, async (principal) => {
    const text = await request.text();
    if (text.length > MAX_BODY) return jsonError(413, 'The request body is larger than 6 MB.');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return jsonError(
        400,
        'The request body must be JSON: {"kind", "environment", "cluster", "release", "params"}.',
      );
    }
    const result = await submitOperation(principal, body);
    if (!result.ok) {
      const { ok: _ok, ...rest } = result;
      return Response.json(rest, {
        status: HTTP_STATUS[result.code],
        headers: { 'cache-control': 'no-store' },
      });
    }
    return Response.json(
      {
        operation: result.data,
        links: {
          self: `/api/v1/operations/${result.data.id}`,
          page: `/operations/${result.data.id}`,
        },
      },
      {
        status: 202,
        headers: { 'cache-control': 'no-store', location: `/api/v1/operations/${result.data.id}` },
      },
    );
  });
}

export function GET(request: Request): Promise<Response> {
  return apiRoute(request, 'operations', async (principal, url) => {
    const parsed = ZOperationFilters.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BadParamError(String(issue?.path[0] ?? 'query'), issue?.message ?? 'is invalid');
    }
    return { operations: await listOperations(principal, parsed.data) };
  });
}
