import type { Metadata } from 'next';
import { FlagsTable } from '@/components/flags/flags-table';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { requireViewer } from '@/lib/auth/session';
import { getFlagsView } from '@/lib/flags/view';
import { operationsRuntime } from '@/lib/operations/runtime';

export const metadata: Metadata = { title: 'Feature flags' };

export default async function FlagsPage() {
  const user = await requireViewer();
  const releases = operationsRuntime().config.releases.filter((r) => r.flags.length > 0);
  const views = await Promise.all(releases.map((r) => getFlagsView(user, r.name)));
  return (
    <>
      <PageHeader
        title="Feature flags"
        description="Each flag against each environment and cluster, read from the values of the deployed release. Setting one is an upgrade that changes only that value."
      />
      {views.length === 0 ? (
        <Panel>
          <EmptyState title="No feature flags">
            Declare them per release in helmdeck.yaml: flags: [{'{'} name, path, description {'}'}].
          </EmptyState>
        </Panel>
      ) : (
        <div className="space-y-4">
          {views.map((v) => (
            <FlagsTable key={v.release} view={v} />
          ))}
        </div>
      )}
    </>
  );
}
