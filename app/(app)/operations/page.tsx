import type { Metadata } from 'next';
import { InstallLauncher } from '@/components/operations/install-launcher';
import { OperationsTable } from '@/components/operations/operations-table';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { requireViewer } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { decide } from '@/lib/policy';
import { listOperations, ZOperationFilters } from '@/lib/operations';

export const metadata: Metadata = { title: 'Operations' };

type TProps = { searchParams: Promise<Record<string, string | undefined>> };

export default async function OperationsPage({ searchParams }: TProps) {
  const user = await requireViewer();
  const raw = await searchParams;
  const parsed = ZOperationFilters.safeParse({
    environment: raw.environment || undefined,
    release: raw.release || undefined,
    state: raw.state || undefined,
    limit: 100,
  });
  const filters = parsed.success ? parsed.data : { limit: 100 };
  const operations = await listOperations(user, filters);
  const config = getConfig();
  // Places where this user may install: each configured release in each cluster of its promotion path.
  const places = config.environments
    .filter((e) => decide({ user, action: 'install', target: { environment: e.name } }).allow)
    .flatMap((e) =>
      e.clusters.flatMap((c) =>
        config.releases
          .filter((r) => r.promotion.includes(e.name))
          .map((r) => ({ environment: e.name, cluster: c.name, release: r.name })),
      ),
    );
  return (
    <>
      <PageHeader
        title="Operations"
        description="Every install, upgrade, rollback, uninstall, test and recovery, newest first."
        actions={places.length > 0 ? <InstallLauncher places={places} /> : null}
      />
      <form className="mb-3 flex flex-wrap items-end gap-2 text-sm" aria-label="Filter operations">
        <input
          name="release"
          aria-label="Release"
          defaultValue={raw.release ?? ''}
          placeholder="release"
          className="h-8 rounded-md border border-slate-300 px-2"
        />
        <select
          name="environment"
          aria-label="Environment"
          defaultValue={raw.environment ?? ''}
          className="h-8 rounded-md border border-slate-300 px-2"
        >
          <option value="">every environment</option>
          {config.environments.map((e) => (
            <option key={e.name}>{e.name}</option>
          ))}
        </select>
        <select
          name="state"
          aria-label="State"
          defaultValue={raw.state ?? ''}
          className="h-8 rounded-md border border-slate-300 px-2"
        >
          <option value="">any state</option>
          {[
            'active',
            'queued',
            'running',
            'succeeded',
            'failed',
            'needs_recovery',
            'cancelled',
          ].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <button className="h-8 rounded-md border border-slate-300 bg-white px-3 font-medium text-slate-700 hover:bg-slate-50">
          Filter
        </button>
      </form>
      <Panel>
        <OperationsTable operations={operations} />
      </Panel>
    </>
  );
}
