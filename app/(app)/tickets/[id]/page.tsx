import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DiffView, type TDiffMode } from '@/components/diff/diff-view';
import { ApprovalsTimeline } from '@/components/tickets/approvals-timeline';
import { GateChecklist } from '@/components/tickets/gate-checklist';
import { ActionButton, DecisionForm, DeployPanel } from '@/components/tickets/ticket-actions';
import { TicketStateBadge } from '@/components/tickets/ticket-state-badge';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { requireViewer } from '@/lib/auth/session';
import type { TReleaseDiff } from '@/lib/release-view';
import { DECIDABLE_STATES, EDITABLE_STATES, TicketError, type TTicketDetail } from '@/lib/tickets';
import {
  cancelTicketAction,
  decideTicketAction,
  deployTicketAction,
  submitTicketAction,
} from '../actions';
import { ticketAbilities } from '@/lib/tickets/ticket-abilities';
import { ticketCommands } from '@/lib/tickets/ticket-commands';

type TParams = { params: Promise<{ id: string }>; searchParams: Promise<{ view?: string }> };

export async function generateMetadata({ params }: TParams): Promise<Metadata> {
  return { title: `Ticket #${(await params).id}` };
}

function parseDiff(text: string | null): TReleaseDiff | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as TReleaseDiff;
  } catch {
    return null;
  }
}

const fmt = (d: Date | null, zone: string) =>
  d ? d.toLocaleString('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }) : '—';

export default async function TicketPage({ params, searchParams }: TParams) {
  const user = await requireViewer();
  const { id } = await params;
  const mode: TDiffMode = (await searchParams).view === 'split' ? 'split' : 'unified';
  let detail: TTicketDetail;
  try {
    detail = await ticketCommands.getForPage(user, id);
  } catch (e) {
    if (e instanceof TicketError) notFound();
    throw e;
  }
  const { ticket: t, state, timeline, gate, status } = detail;
  const zone = t.windowTimezone ?? 'UTC';
  const mine = t.requesterId === user.id;
  const can = ticketAbilities(user, t, state);
  const diff = parseDiff(t.renderedDiff);
  const decide = decideTicketAction.bind(null, t.id);
  return (
    <>
      <PageHeader
        title={`Ticket #${t.id}${t.externalRef ? ` · ${t.externalRef}` : ''}`}
        description={t.title ?? `${t.release} to ${t.environment}`}
        actions={<TicketStateBadge state={state} />}
      />
      <div className="grid grid-cols-3 gap-4">
        <div className="col-span-2 space-y-4">
          <Panel title="The change" aside={`content hash ${t.contentHash.slice(0, 12)}`}>
            <dl className="grid grid-cols-2 gap-x-6 gap-y-2 px-4 py-3 text-sm">
              <dt className="text-slate-500">Release</dt>
              <dd className="font-mono">{t.release}</dd>
              <dt className="text-slate-500">Target</dt>
              <dd>
                {t.environment} / {t.clusters.join(', ')}
              </dd>
              <dt className="text-slate-500">Chart version</dt>
              <dd className="font-mono">{t.chartVersion}</dd>
              <dt className="text-slate-500">Image tag</dt>
              <dd className="font-mono">{t.imageTag ?? '—'}</dd>
              <dt className="text-slate-500">Maintenance window</dt>
              <dd>
                {fmt(t.windowStart, zone)} – {fmt(t.windowEnd, zone)} ({zone})
              </dd>
              <dt className="text-slate-500">Rollback plan</dt>
              <dd className="whitespace-pre-line">
                {t.rollbackTo ? `revision ${t.rollbackTo}: ` : ''}
                {t.rollbackPlan}
              </dd>
              <dt className="text-slate-500">Risk</dt>
              <dd>{t.risk}</dd>
              <dt className="text-slate-500">Stakeholders</dt>
              <dd>{t.stakeholders.join(', ') || '—'}</dd>
              <dt className="text-slate-500">Requested by</dt>
              <dd>{t.requester.name}</dd>
            </dl>
            {t.description ? (
              <p className="border-t border-slate-100 px-4 py-3 text-sm text-slate-700">
                {t.description}
              </p>
            ) : null}
          </Panel>
          <Panel title="Values" aside="what the approvals are bound to">
            <pre
              className="overflow-x-auto px-4 py-3 font-mono text-xs"
              data-testid="ticket-values"
            >
              {detail.values || '# no values beyond the environment files'}
            </pre>
          </Panel>
          {diff ? (
            <DiffView diff={diff} mode={mode} modeHref={(m) => `/tickets/${t.id}?view=${m}`} />
          ) : (
            <Panel title="Rendered diff">
              <p className="px-4 py-3 text-sm text-slate-500">
                The requester attached no rendered diff.
              </p>
            </Panel>
          )}
        </div>
        <div className="space-y-4">
          {gate ? (
            <Panel
              title="Gate checklist"
              aside={`${status.approvedBy.length} of ${status.required} approvals`}
            >
              <GateChecklist gate={gate} zone={zone} />
            </Panel>
          ) : null}
          <Panel title="Approvals">
            <ApprovalsTimeline entries={timeline} />
            {can.decide ? (
              <div className="border-t border-slate-100">
                <DecisionForm decide={decide} />
              </div>
            ) : null}
            {mine && DECIDABLE_STATES.includes(state) ? (
              <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
                You requested this ticket, so you cannot approve it.
              </p>
            ) : null}
          </Panel>
          {can.deploy ? (
            <Panel title="Deploy">
              <DeployPanel
                label="Deploy this ticket"
                deploy={deployTicketAction.bind(null, t.id)}
              />
            </Panel>
          ) : null}
          {can.breakGlass ? (
            <Panel title="Break-glass">
              <DeployPanel
                label="Break glass and deploy"
                breakGlass
                deploy={deployTicketAction.bind(null, t.id)}
              />
            </Panel>
          ) : null}
          {mine ? (
            <Panel title="Requester">
              <div className="flex flex-wrap items-start gap-2 p-4">
                {state === 'draft' ? (
                  <ActionButton
                    variant="primary"
                    label="Submit for approval"
                    act={submitTicketAction.bind(null, t.id)}
                  />
                ) : null}
                {EDITABLE_STATES.includes(state) ? (
                  <Link
                    href={`/tickets/${t.id}/edit`}
                    className="inline-flex h-9 items-center rounded-md border border-slate-300 px-3.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
                  >
                    Edit
                  </Link>
                ) : null}
                {state !== 'deployed' && state !== 'cancelled' ? (
                  <ActionButton
                    variant="danger"
                    label="Cancel ticket"
                    act={cancelTicketAction.bind(null, t.id, '')}
                  />
                ) : null}
              </div>
              {EDITABLE_STATES.includes(state) && status.approvedBy.length > 0 ? (
                <p className="px-4 pb-3 text-xs text-amber-700">
                  Editing the release, clusters, chart version, image tag or values voids every
                  approval.
                </p>
              ) : null}
            </Panel>
          ) : null}
        </div>
      </div>
    </>
  );
}
