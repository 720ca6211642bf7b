// What a release manager asks of the write path, as the server actions and
// POST /api/v1/operations receive it: the envelope validated with zod here,
// then ONE lib/operations function that authorises (lib/policy), audits and
// queues. The caller resolves the user (session or API token) first.
import { z } from 'zod';
import type { TActor } from './actor';
import { OperationInputError } from './errors';
import { kindOf, OPERATION_KINDS, type TOperationKind } from './kinds';
import { toOperationView, type TOperationView } from './operation-view';
import { previewOperation, type TOperationPreview } from './preview-operation';
import { requestOperation } from './request-operation';

export const ZOperationCommand = z.object({
  kind: z.enum(OPERATION_KINDS as [TOperationKind, ...TOperationKind[]]),
  environment: z.string(),
  cluster: z.string(),
  release: z.string(),
  // Parameter rules (allow-list, sizes, YAML) live in the kind; this only shapes the envelope.
  params: z.record(z.string(), z.unknown()).optional(),
  ticketId: z.coerce.number().int().positive().optional(),
  breakGlassReason: z.string().trim().min(1).max(2000).optional(),
  /** Kinds with a typed confirmation (uninstall): the release name typed by the user, against a slip. */
  confirmRelease: z.string().optional(),
});
export type TOperationCommand = z.input<typeof ZOperationCommand>;

export type TUserActor = { id: string; name?: string | null; grants: TActor['grants'] };

function parse(input: unknown) {
  const parsed = ZOperationCommand.safeParse(input);
  if (!parsed.success)
    throw new OperationInputError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`),
    );
  return parsed.data;
}

// Empty form fields mean "not given"; the kinds would otherwise reject "" as a value.
function cleanParams(params: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) continue;
    out[k] = k === 'revision' && typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  }
  return out;
}

function requestOf(actor: TUserActor, c: ReturnType<typeof parse>) {
  return {
    actor: { id: actor.id, name: actor.name, grants: actor.grants },
    kind: c.kind,
    environment: c.environment,
    cluster: c.cluster,
    release: c.release,
    params: cleanParams(c.params),
    ticketId: c.ticketId,
    breakGlassReason: c.breakGlassReason,
  };
}

/**
 * Queues an operation for `actor`. `typedConfirmation`: the page always
 * sends the typed release name for the kinds that ask for one (the API may omit it).
 */
export async function submitOperation(
  actor: TUserActor,
  input: unknown,
  options: { typedConfirmation?: boolean } = {},
): Promise<TOperationView> {
  const c = parse(input);
  const typed = options.typedConfirmation || c.confirmRelease !== undefined;
  if (kindOf(c.kind).typedConfirmation && typed && c.confirmRelease !== c.release)
    throw new OperationInputError([
      `confirmation: type the release name "${c.release}" to ${c.kind} it`,
    ]);
  const op = await requestOperation(requestOf(actor, c));
  return toOperationView({ ...op, requestedBy: { name: actor.name ?? null } });
}

/** The diff the operation would make; changes nothing. */
export async function previewCommand(
  actor: TUserActor,
  input: unknown,
): Promise<TOperationPreview> {
  return previewOperation(requestOf(actor, parse(input)));
}
