// Turns ticket input into the columns stored, after checking it against the
// configuration (known environment, its clusters, the release's promotion path).
import {
  contentHash,
  contentOfInput,
  ticketInputProblems,
  ZTicketInput,
  type TTicketInput,
  type TTicketInputParsed,
} from './ticket-content';
import { releaseOfHelmName } from '@/lib/config/strategy-lookup';
import { valuesDigest } from '@/lib/values';
import { requireEnvironment, TicketError, type TTicketConfig } from './ticket-context';
import { parseZonedDateTime } from './zoned-time';

export function parseTicketInput(input: TTicketInput | unknown): TTicketInputParsed {
  const parsed = ZTicketInput.safeParse(input);
  if (!parsed.success) {
    const problems = ticketInputProblems(parsed.error);
    throw new TicketError(
      'invalid',
      `The ticket has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.join('; ')}`,
      problems,
    );
  }
  return parsed.data;
}

export function ticketColumns(config: TTicketConfig, input: TTicketInputParsed) {
  const env = requireEnvironment(config, input.environment);
  const problems: string[] = [];
  const known = new Set(env.clusters.map((c) => c.name));
  input.clusters.forEach((c, i) => {
    if (!known.has(c))
      problems.push(
        `clusters.${i}: ${c} is not a cluster of ${env.name} (${[...known].join(', ')})`,
      );
  });
  if (new Set(input.clusters).size !== input.clusters.length)
    problems.push('clusters: listed twice');
  if (config.releases) {
    // A blue/green colour or a canary release is named as such (alpha-members-green).
    const release = releaseOfHelmName(config.releases, input.release, env.name);
    if (!release) problems.push(`release: ${input.release} is not a configured release`);
    else if (!release.promotion.includes(env.name))
      problems.push(`environment: ${input.release} is not promoted to ${env.name}`);
  }
  const w = input.maintenanceWindow;
  const windowStart = parseZonedDateTime(w.start, w.timeZone);
  const windowEnd = parseZonedDateTime(w.end, w.timeZone);
  if (!(windowEnd > windowStart)) problems.push('maintenanceWindow.end: must be after start');
  if (problems.length > 0)
    throw new TicketError('invalid', `The ticket has problems: ${problems.join('; ')}`, problems);
  const content = contentOfInput(input);
  return {
    release: input.release,
    environment: input.environment,
    clusters: [...input.clusters].sort(),
    chartVersion: input.chartVersion,
    imageTag: input.imageTag ?? null,
    values: input.values,
    valuesDigest: valuesDigest(content.values),
    renderedDiff: input.renderedDiff ?? null,
    contentHash: contentHash(content),
    rollbackTo: input.rollbackPlan.targetRevision ?? null,
    rollbackPlan: input.rollbackPlan.steps.join('\n'),
    windowStart,
    windowEnd,
    windowTimezone: w.timeZone,
    stakeholders: input.stakeholders,
    externalRef: input.externalRef ?? null,
    risk: input.risk,
    title: input.title ?? null,
    description: input.description ?? null,
  };
}

export type TTicketColumns = ReturnType<typeof ticketColumns>;

/** Names of the stored fields that differ, for the audit record of an edit. */
export function changedFields(before: Record<string, unknown>, after: TTicketColumns): string[] {
  return Object.entries(after)
    .filter(
      ([k, v]) =>
        JSON.stringify(
          before[k] instanceof Date ? (before[k] as Date).toISOString() : (before[k] ?? null),
        ) !== JSON.stringify(v instanceof Date ? v.toISOString() : (v ?? null)),
    )
    .map(([k]) => k);
}
