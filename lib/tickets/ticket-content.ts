// What a change ticket asks for, and the hash an approval is bound to. The
// hash covers only what reaches the cluster (release, targets, chart version,
// image tag, values); prose such as the rollback plan can change freely.
import { z } from 'zod';
import { isTimeZone, ZReleaseName } from '@/lib/config/primitives';
import { canonicalDigest, parseValuesYaml, valuesFromYaml, ZImageTag } from '@/lib/values';

/** Everything the content hash covers. */
export interface TTicketContent {
  release: string;
  environment: string;
  clusters: readonly string[];
  chartVersion: string;
  imageTag: string | null;
  values: Record<string, unknown>;
}

/** The hash an approval is bound to; equal for content that deploys the same thing. */
export function contentHash(content: TTicketContent): string {
  return canonicalDigest({
    release: content.release,
    environment: content.environment,
    clusters: [...new Set(content.clusters)].sort(),
    chartVersion: content.chartVersion,
    imageTag: content.imageTag ?? null,
    values: content.values,
  });
}

const LOCAL_OR_ISO =
  /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;

const ZWindowTime = z
  .string()
  .regex(
    LOCAL_OR_ISO,
    'a date-time such as 2026-03-01T22:00 (local to timeZone) or with an offset',
  );

export const ZMaintenanceWindow = z
  .object({
    start: ZWindowTime,
    end: ZWindowTime,
    timeZone: z
      .string()
      .min(1, 'required')
      .refine(isTimeZone, 'unknown IANA time zone (e.g. Europe/Berlin)'),
  })
  .strict();

export const ZRollbackPlan = z
  .object({
    /** Revision to roll back to; absent for a first install (rollback = uninstall). */
    targetRevision: z.number().int().min(1, 'a revision number of 1 or more').optional(),
    steps: z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'at least one step'),
  })
  .strict();

export const TICKET_RISKS = ['low', 'medium', 'high'] as const;

/** A ticket's values text; stricter than lib/values' release limit, as a ticket also stores its rendered diff. */
const MAX_TICKET_VALUES_BYTES = 512 * 1024;
/** Request bodies of ticket writes: room for values over their limit, so the answer names the values rule. */
export const MAX_TICKET_BODY_BYTES = 6 * 1024 * 1024;

export const ZTicketInput = z
  .object({
    release: ZReleaseName,
    environment: z.string().min(1, 'required'),
    clusters: z.array(z.string().min(1)).min(1, 'at least one cluster'),
    chartVersion: z.string().trim().min(1, 'required').max(100),
    imageTag: z.string().trim().pipe(ZImageTag).nullish(),
    values: z
      .string()
      .max(MAX_TICKET_VALUES_BYTES, 'at most 512 KiB (one Helm release holds at most 1 MiB)')
      .default('')
      .superRefine((text, ctx) => {
        const r = parseValuesYaml(text);
        if (!r.ok)
          ctx.addIssue({
            code: 'custom',
            message: `invalid values YAML: ${r.problem.replace(/^values: /, '')}`,
          });
      }),
    rollbackPlan: ZRollbackPlan,
    maintenanceWindow: ZMaintenanceWindow,
    stakeholders: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
    externalRef: z
      .string()
      .trim()
      .regex(/^[A-Z][A-Z0-9]*-\d+$/, 'a reference such as CHG-1234')
      .nullish(),
    risk: z.enum(TICKET_RISKS, { message: `one of ${TICKET_RISKS.join(', ')}` }),
    title: z.string().trim().max(200).nullish(),
    description: z.string().max(10_000).nullish(),
    /** The values diff as the page rendered it for approvers (display only). */
    renderedDiff: z
      .string()
      .max(1024 * 1024)
      .nullish(),
  })
  .strict();

export type TTicketInput = z.input<typeof ZTicketInput>;
export type TTicketInputParsed = z.output<typeof ZTicketInput>;

/** "field.path: message" per problem, for forms and API answers. */
export function ticketInputProblems(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(ticket)'}: ${i.message}`);
}

/** Hash-relevant content of a validated input. */
export function contentOfInput(input: TTicketInputParsed): TTicketContent {
  return {
    release: input.release,
    environment: input.environment,
    clusters: input.clusters,
    chartVersion: input.chartVersion,
    imageTag: input.imageTag ?? null,
    values: valuesFromYaml(input.values),
  };
}

/** Hash-relevant content of a stored ticket row. */
export function contentOfRow(row: {
  release: string;
  environment: string;
  clusters: string[];
  chartVersion: string | null;
  imageTag: string | null;
  values: string | null;
}): TTicketContent {
  return {
    release: row.release,
    environment: row.environment,
    clusters: row.clusters,
    chartVersion: row.chartVersion ?? '',
    imageTag: row.imageTag,
    values: valuesFromYaml(row.values ?? ''),
  };
}
