// What a change ticket asks for, and the hash an approval is bound to. The
// hash covers only what reaches the cluster (release, targets, chart version,
// image tag, values); prose such as the rollback plan can change freely.
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isTimeZone, ZReleaseName } from '@/lib/config/primitives';

/** Everything the content hash covers. */
export interface TTicketContent {
  release: string;
  environment: string;
  clusters: readonly string[];
  chartVersion: string;
  imageTag: string | null;
  values: Record<string, unknown>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Same data in a fixed shape: object keys sorted at every depth, arrays kept in order. */
export function canonicalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalise);
  if (value instanceof Date) return value.toISOString();
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (value[key] !== undefined) out[key] = canonicalise(value[key]);
    }
    return out;
  }
  return value;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalise(value)) ?? 'null';
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** SHA-256 of the canonical values; what an Operation row records instead of the values. */
export function valuesDigest(values: Record<string, unknown>): string {
  return sha256(canonicalJson(values));
}

/** The hash an approval is bound to; equal for content that deploys the same thing. */
export function contentHash(content: TTicketContent): string {
  return sha256(
    canonicalJson({
      release: content.release,
      environment: content.environment,
      clusters: [...new Set(content.clusters)].sort(),
      chartVersion: content.chartVersion,
      imageTag: content.imageTag ?? null,
      values: content.values,
    }),
  );
}

/** Values YAML as helm reads it: empty text is `{}`, anything but a mapping is refused. */
export function parseValuesYaml(text: string): Record<string, unknown> {
  const data: unknown = parseYaml(text, { uniqueKeys: true });
  if (data === null || data === undefined) return {};
  if (!isRecord(data)) throw new Error('values must be a YAML mapping (key: value)');
  return data;
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

export const ZTicketInput = z
  .object({
    release: ZReleaseName,
    environment: z.string().min(1, 'required'),
    clusters: z.array(z.string().min(1)).min(1, 'at least one cluster'),
    chartVersion: z.string().trim().min(1, 'required').max(100),
    imageTag: z
      .string()
      .trim()
      .max(128)
      .regex(/^[\w][\w.-]*$/, 'an image tag: letters, digits, ".", "_" and "-"')
      .nullish(),
    values: z
      .string()
      .max(512 * 1024, 'at most 512 KiB')
      .default('')
      .superRefine((text, ctx) => {
        try {
          parseValuesYaml(text);
        } catch (e) {
          const why = e instanceof Error ? (e.message.split('\n')[0] ?? '') : 'invalid YAML';
          ctx.addIssue({ code: 'custom', message: `invalid values YAML: ${why}` });
        }
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
    values: parseValuesYaml(input.values),
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
    values: parseValuesYaml(row.values ?? ''),
  };
}
