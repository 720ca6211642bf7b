import type { Metadata } from 'next';
import { TicketForm } from '@/components/tickets/ticket-form';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { requireRole } from '@/lib/auth/session';
import { createTicketAction, previewTicketAction } from '../actions';
import { formChoices, newTicketDefaults } from '@/lib/tickets/ticket-form-data';

export const metadata: Metadata = { title: 'New change ticket' };

export default async function NewTicketPage() {
  await requireRole('release_manager');
  return (
    <>
      <PageHeader
        title="New change ticket"
        description="Saved as a draft; submit it from its page to ask the approvers."
      />
      <Panel>
        <TicketForm
          {...formChoices()}
          initial={newTicketDefaults()}
          submitLabel="Save draft"
          save={createTicketAction}
          preview={previewTicketAction}
        />
      </Panel>
    </>
  );
}
