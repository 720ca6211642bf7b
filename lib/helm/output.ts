// helm's JSON output, parsed with zod so a helm upgrade that changes a field
// fails loudly here instead of somewhere in the UI. Only the fields Helmdeck
// reads are typed; unknown fields pass through.
import { z } from 'zod';
import { HelmCommandError } from './errors';

export const ZHelmHistoryEntry = z.looseObject({
  revision: z.number(),
  updated: z.string(),
  status: z.string(),
  chart: z.string(),
  app_version: z.string().optional().default(''),
  description: z.string().optional().default(''),
});

export const ZHelmListEntry = z.looseObject({
  name: z.string(),
  namespace: z.string(),
  revision: z.coerce.number(),
  updated: z.string(),
  status: z.string(),
  chart: z.string(),
  app_version: z.string().optional().default(''),
});

export const ZHelmRelease = z.looseObject({
  name: z.string(),
  namespace: z.string(),
  version: z.number(),
  info: z.looseObject({
    status: z.string(),
    description: z.string().optional(),
    notes: z.string().optional(),
    first_deployed: z.string().optional(),
    last_deployed: z.string().optional(),
  }),
  chart: z
    .looseObject({
      metadata: z.looseObject({
        name: z.string(),
        version: z.string(),
        appVersion: z.string().optional(),
      }),
    })
    .optional(),
  config: z.record(z.string(), z.unknown()).nullish(),
  manifest: z.string().optional(),
});

export type THelmHistoryEntry = z.output<typeof ZHelmHistoryEntry>;
export type THelmListEntry = z.output<typeof ZHelmListEntry>;
export type THelmRelease = z.output<typeof ZHelmRelease>;

/** Parses helm's JSON stdout; an unexpected shape is a HelmCommandError, not a crash downstream. */
export function parseHelmJson<T>(command: string, stdout: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    // helm 4 may print warnings before the JSON on stdout; the document starts at the first brace.
    const start = stdout.search(/[[{]/);
    data = JSON.parse(start > 0 ? stdout.slice(start) : stdout);
  } catch {
    throw new HelmCommandError(
      'failed',
      `helm ${command} printed output that is not JSON`,
      undefined,
      0,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new HelmCommandError(
      'failed',
      `helm ${command} printed JSON of an unexpected shape (${where})`,
      undefined,
      0,
    );
  }
  return parsed.data;
}
