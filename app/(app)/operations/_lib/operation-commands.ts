// What a release manager asks of the write path, as the server actions and
// POST /api/v1/operations receive it: validated with zod here, then handed to
// ONE lib/operations function that authorises (lib/policy), audits and queues.
// The caller resolves the user (session or API token) first.
import { z } from 'zod';
import {
  kindOf,
  OperationInputError,
  OPERATION_KINDS,
  previewOperation,
  requestOperation,
  type TActor,
  type TOperationPreview,
} from '@/lib/operations';
import { commandResult, type TCommandResult } from './command-result';
import { toOperationView, type TOperationView } from './operation-view';

export const ZOperationCommand = z.object({
  kind: z.enum(OPERATION_KINDS),
  environment: z.string(),
  cluster: z.string(),
  release: z.string(),
  // Parameter rules (allow-list, sizes, YAML) live in lib/operations; this only shapes the envelope.
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

// Empty form fields mean "not given"; lib/operations would otherwise reject "" as a value.
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

/** Queues an operation for `actor`; refusals (policy, input, in progress) come back as messages. */
export function submitOperation(
  actor: TUserActor,
  input: unknown,
  options: { typedConfirmation?: boolean } = {},
): Promise<TCommandResult<TOperationView>> {
  return commandResult('submitOperation', async () => {
    const c = parse(input);
    const typed = options.typedConfirmation || c.confirmRelease !== undefined;
    if (kindOf(c.kind).typedConfirmation && typed && c.confirmRelease !== c.release)
      throw new OperationInputError([
        `confirmation: type the release name "${c.release}" to ${c.kind} it`,
      ]);
    const op = await requestOperation(requestOf(actor, c));
    return toOperationView({ ...op, requestedBy: { name: actor.name ?? null } });
  });
}

/** The diff an upgrade, install or rollback would make; changes nothing. */
export function previewCommand(
  actor: TUserActor,
  input: unknown,
): Promise<TCommandResult<TOperationPreview>> {
  return commandResult('previewOperation', async () =>
    previewOperation(requestOf(actor, parse(input))),
  );
}
