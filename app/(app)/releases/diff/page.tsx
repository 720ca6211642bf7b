import type { Metadata } from 'next';
import { diffMode, readDiff } from '@/app/_lib/read-diff';
import { nameParam, placeParam } from '@/lib/http/params';
import { DiffView } from '@/components/diff/diff-view';
import { PlacePicker } from '@/components/diff/place-picker';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Panel } from '@/components/ui/panel';
import { requireViewer } from '@/lib/auth/session';
import { authorizeRead } from '@/lib/auth/read-check';
import { mayView } from '@/lib/policy';
import { getConfig } from '@/lib/config';
import { getEnvironmentDiff } from '@/lib/release-view';

export const metadata: Metadata = { title: 'Environment diff' };

type TSearch = { release?: string; left?: string; right?: string; view?: string };

export default async function EnvironmentDiffPage({
  searchParams,
}: {
  searchParams: Promise<TSearch>;
}) {
  const user = await requireViewer();
  const q = await searchParams;
  const mode = diffMode(q.view);
  const config = getConfig();
  const places = config.environments
    .filter((e) => mayView(user, e.name))
    .flatMap((e) => e.clusters.map((c) => `${e.name}/${c.name}`));
  const asked = Boolean(q.release && q.left && q.right);
  const result = asked
    ? await readDiff(async () => {
        const left = placeParam('left', q.left ?? null);
        const right = placeParam('right', q.right ?? null);
        await authorizeRead(user, left, right);
        return getEnvironmentDiff(nameParam('release', q.release ?? null), left, right);
      })
    : null;
  const href = (view: string) =>
    `/releases/diff?${new URLSearchParams({ release: q.release ?? '', left: q.left ?? '', right: q.right ?? '', view }).toString()}`;
  return (
    <>
      <PageHeader
        title={asked ? `${q.release}: ${q.left} ↔ ${q.right}` : 'Compare environments'}
        description="The same release's current revision in two environments or clusters. Secret values are shown only as changed."
      />
      <div className="space-y-4">
        <PlacePicker
          releases={config.releases.map((r) => r.name)}
          places={places}
          value={{
            release: q.release ?? config.releases[0]?.name ?? '',
            left: q.left ?? places[1] ?? '',
            right: q.right ?? places[2] ?? '',
            view: mode,
          }}
        />
        {result === null ? null : result.ok ? (
          <DiffView diff={result.data} mode={mode} modeHref={href} />
        ) : (
          <Panel>
            <EmptyState title="This diff cannot be shown">{result.message}</EmptyState>
          </Panel>
        )}
      </div>
    </>
  );
}
