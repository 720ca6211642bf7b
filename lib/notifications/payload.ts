// What a webhook receives. Payloads are built from an allow-list of fields:
// ticket values, rendered diffs and operation logs never leave Helmdeck,
// only digests and references, so no secret can travel in a notification.
import type { TWebhook, TWebhookEvent } from '@/lib/config/schema';

export type TNotificationEvent = Extract<
  TWebhookEvent,
  | 'ticket.requested'
  | 'ticket.approved'
  | 'ticket.rejected'
  | 'ticket.expired'
  | 'operation.started'
  | 'operation.succeeded'
  | 'operation.failed'
  | 'operation.rolled_back'
  | 'rollback.automatic'
  | 'release.changed_outside'
>;

export interface TTicketSummary {
  id: number;
  release: string;
  environment: string;
  clusters: string[];
  chartVersion: string | null;
  imageTag: string | null;
  valuesDigest: string | null;
  contentHash: string;
  externalRef: string | null;
  risk: string;
  state: string;
  requester: string;
}

export interface TOperationSummary {
  id: number;
  kind: string;
  state: string;
  release: string;
  environment: string;
  cluster: string;
  namespace: string;
  chartVersion: string | null;
  imageTag: string | null;
  revisionBefore: number | null;
  revisionAfter: number | null;
  ticketId: number | null;
}

/** A revision no Helmdeck operation made; `claimed` is helm's description, unverified. */
export interface TExternalChangeSummary {
  release: string;
  environment: string;
  cluster: string;
  namespace: string;
  revision: number;
  status: string;
  chart: string | null;
  chartVersion: string | null;
  imageTag: string | null;
  claimed: string;
}

export type TNotificationData =
  | { ticket: TTicketSummary; actor?: string; comment?: string }
  | { operation: TOperationSummary; actor?: string }
  | { change: TExternalChangeSummary };

const TICKET_KEYS: readonly (keyof TTicketSummary)[] = [
  'id',
  'release',
  'environment',
  'clusters',
  'chartVersion',
  'imageTag',
  'valuesDigest',
  'contentHash',
  'externalRef',
  'risk',
  'state',
  'requester',
];
const OPERATION_KEYS: readonly (keyof TOperationSummary)[] = [
  'id',
  'kind',
  'state',
  'release',
  'environment',
  'cluster',
  'namespace',
  'chartVersion',
  'imageTag',
  'revisionBefore',
  'revisionAfter',
  'ticketId',
];

const CHANGE_KEYS: readonly (keyof TExternalChangeSummary)[] = [
  'release',
  'environment',
  'cluster',
  'namespace',
  'revision',
  'status',
  'chart',
  'chartVersion',
  'imageTag',
  'claimed',
];

// Callers may hand in whole rows; only the listed fields are kept.
function pick<T extends object>(source: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  return out;
}

function allowListed(data: TNotificationData): Record<string, unknown> {
  if ('change' in data) return { change: pick(data.change, CHANGE_KEYS) };
  const out: Record<string, unknown> =
    'ticket' in data
      ? { ticket: pick(data.ticket, TICKET_KEYS) }
      : { operation: pick(data.operation, OPERATION_KEYS) };
  if (data.actor) out.actor = data.actor;
  if ('comment' in data && data.comment) out.comment = data.comment.slice(0, 2000);
  return out;
}

const HEADLINES: Record<TNotificationEvent, string> = {
  'ticket.requested': 'Change ticket awaiting approval',
  'ticket.approved': 'Change ticket approved',
  'ticket.rejected': 'Change ticket rejected',
  'ticket.expired': 'Change ticket approvals expired',
  'operation.started': 'Operation started',
  'operation.succeeded': 'Operation succeeded',
  'operation.failed': 'Operation failed',
  'operation.rolled_back': 'Operation rolled back',
  'rollback.automatic': 'Automatic rollback',
  'release.changed_outside': 'Release changed outside Helmdeck',
};

function summaryLine(event: TNotificationEvent, data: TNotificationData): string {
  if ('change' in data) {
    const c = data.change;
    return `${HEADLINES[event]}: ${c.release} in ${c.environment}/${c.cluster} revision ${c.revision} (${c.status}), not made by any Helmdeck operation`;
  }
  if ('ticket' in data) {
    const t = data.ticket;
    const ref = t.externalRef ? ` (${t.externalRef})` : '';
    const by = data.actor ? ` by ${data.actor}` : '';
    return `${HEADLINES[event]}${by}: ticket #${t.id}${ref}, ${t.release} ${t.chartVersion ?? ''} to ${t.environment} [${t.clusters.join(', ')}], risk ${t.risk}`;
  }
  const o = data.operation;
  const rev = o.revisionAfter ? ` revision ${o.revisionAfter}` : '';
  return `${HEADLINES[event]}: ${o.kind} of ${o.release} in ${o.environment}/${o.cluster}${rev}`;
}

/** The JSON body for one webhook, in its configured format. */
export function buildPayload(
  webhook: Pick<TWebhook, 'format'>,
  event: TNotificationEvent,
  data: TNotificationData,
  occurredAt: Date,
): Record<string, unknown> {
  const fields = allowListed(data);
  const text = summaryLine(event, data);
  if (webhook.format === 'slack') {
    const comment =
      typeof fields.comment === 'string' ? `\n> ${fields.comment.replace(/\n/g, '\n> ')}` : '';
    return {
      text,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: HEADLINES[event] } },
        { type: 'section', text: { type: 'mrkdwn', text: `${text}${comment}` } },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: `${event} · ${occurredAt.toISOString()}` }],
        },
      ],
    };
  }
  return { event, occurredAt: occurredAt.toISOString(), text, ...fields };
}
