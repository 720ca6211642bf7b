// Operations for CI pipelines: POST queues one with the same validation,
// policy and audit as the release page (202 + the operation); GET lists them.
// Refusals answer 403 (policy), 409 (a gate, or another operation holds the
// release) or 400 (bad input, with one problem per line).
import { BadParamError } from '@/lib/http/params';
import { apiRoute, jsonBody, jsonResponse } from '@/lib/http/api-route';
import { listOperations, submitOperation, ZOperationFilters } from '@/lib/operations';
import { assertSomeRole } from '@/lib/policy';

export const dynamic = 'force-dynamic';

const MAX_BODY = 6 * 1024 * 1024;

export function POST(request: Request): Promise<Response> {
  return apiRoute(request, 'operations.create', async (principal) => {
    const body = await jsonBody(request, {
      maxBytes: MAX_BODY,
      shape: 'JSON: {"kind", "environment", "cluster", "release", "params"}',
    });
    const operation = await submitOperation(principal, body);
    const self = `/api/v1/operations/${operation.id}`;
    return jsonResponse(
      { operation, links: { self, page: `/operations/${operation.id}` } },
      { status: 202, headers: { location: self } },
    );
  });
}

export function GET(request: Request): Promise<Response> {
  return apiRoute(request, 'operations', async (principal, url) => {
    assertSomeRole(principal);
    const parsed = ZOperationFilters.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BadParamError(String(issue?.path[0] ?? 'query'), issue?.message ?? 'is invalid');
    }
    return { operations: await listOperations(principal, parsed.data) };
  });
}
