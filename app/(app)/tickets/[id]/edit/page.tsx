import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TicketForm } from '@/components/tickets/ticket-form';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { requireRole } from '@/lib/auth/session';
import { TicketError, type TTicketDetail } from '@/lib/tickets';
import { previewTicketAction, updateTicketAction } from '../../actions';
import { formChoices, ticketFormValues } from '@/lib/tickets/ticket-form-data';
import { ticketCommands } from '@/lib/tickets/ticket-commands';

export const metadata: Metadata = { title: 'Edit change ticket' };

export default async function EditTicketPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole('release_manager');
  let detail: TTicketDetail;
  try {
    detail = await ticketCommands.getForPage(user, (await params).id);
  } catch (e) {
    if (e instanceof TicketError) notFound();
    throw e;
  }
  const id = detail.ticket.id;
  return (
    <>
      <PageHeader title={`Edit ticket #${id}`} description="Only the requester can save changes." />
      <Panel>
        <TicketForm
          {...formChoices()}
          initial={ticketFormValues(detail)}
          submitLabel="Save changes"
          save={updateTicketAction.bind(null, id)}
          preview={previewTicketAction}
          warning={
            detail.timeline.some((e) => e.standing === 'counts')
              ? `Changing the release, clusters, chart version, image tag or values voids the ${detail.timeline.filter((e) => e.standing === 'counts').length} decision(s) on this ticket; the approvers must decide again.`
              : 'Changing the release, clusters, chart version, image tag or values voids any approval.'
          }
        />
      </Panel>
    </>
  );
}
