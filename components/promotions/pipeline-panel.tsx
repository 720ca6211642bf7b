'use client';

// The pipeline of one release: a card per stage in promotion order (its
// clusters with build and health, the last promotion into it, verification
// and soak), "Promote to <next>" between stages, and the recent promotions.
// Buttons only guide: the server checks policy and every gate again.
import Link from 'next/link';
import { useState } from 'react';
import { healthTone, releaseHref } from '@/components/releases/format';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import type { TPipelineStage, TPipelineView } from '@/lib/promotions/pipeline-view';
import { promotionHref, shortDigest, stateText, stateTone } from './format';
import { PromoteDialog } from './promote-dialog';
import { Time } from '@/components/ui/time';

function StageCard({
  release,
  stage,
  now,
}: {
  release: string;
  stage: TPipelineStage;
  now: number;
}) {
  const last = stage.last;
  return (
    <Panel
      title={
        <span className="flex items-center gap-2">
          {stage.environment}
          {stage.requireTicket ? <StatusBadge tone="neutral">ticket</StatusBadge> : null}
        </span>
      }
      aside={
        stage.waves.length > 1
          ? `waves: ${stage.waves.map((w) => w.join(' + ')).join(' → ')}`
          : undefined
      }
    >
      <div className="space-y-3 px-4 py-3 text-sm" data-stage={stage.environment}>
        {!stage.visible ? (
          <p className="text-slate-500">You may not view this stage.</p>
        ) : (
          <ul className="space-y-1.5">
            {stage.clusters.map((c) => (
              <li
                key={c.cluster}
                className="flex flex-wrap items-center gap-2"
                data-cluster={c.cluster}
              >
                <Link
                  href={releaseHref(stage.environment, c.cluster, release)}
                  className="w-16 font-medium text-slate-900 hover:text-indigo-600"
                >
                  {c.cluster}
                </Link>
                {c.error && !c.installed ? (
                  <StatusBadge tone="fail">unreachable</StatusBadge>
                ) : !c.installed ? (
                  <span className="text-slate-500">not installed</span>
                ) : (
                  <>
                    <span data-testid="stage-build">
                      {c.chartVersion ?? '?'} / {c.imageTag ?? '?'}
                    </span>
                    <span className="text-xs text-slate-500">rev {c.revision}</span>
                    <StatusBadge tone={healthTone(c.health)}>
                      {c.health ?? 'unknown'}
                      {c.desired !== null ? ` ${c.ready}/${c.desired}` : ''}
                    </StatusBadge>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {stage.visible ? (
          <dl className="grid grid-cols-[7.5rem_1fr] gap-x-2 gap-y-1 text-xs">
            <dt className="text-slate-500">Last promotion</dt>
            <dd>
              {last ? (
                <Link href={promotionHref(last.id)} className="hover:text-indigo-600">
                  <StatusBadge tone={stateTone(last.state)}>
                    #{last.id} {stateText(last.state)}
                  </StatusBadge>{' '}
                  <Time value={last.finishedAt ?? last.createdAt} now={now} />
                </Link>
              ) : (
                'none'
              )}
            </dd>
            <dt className="text-slate-500">Verification</dt>
            <dd data-testid="stage-verification">
              {stage.verification === 'passed' ? (
                <StatusBadge tone="ok">passed</StatusBadge>
              ) : stage.verification === 'failed' ? (
                <StatusBadge tone="fail">failed</StatusBadge>
              ) : (
                'not run'
              )}
            </dd>
            <dt className="text-slate-500">Soaked</dt>
            <dd>
              {stage.soakingSince ? (
                <>
                  since <Time value={stage.soakingSince} now={now} />
                </>
              ) : (
                '—'
              )}
            </dd>
            {last?.failedCluster ? (
              <>
                <dt className="text-slate-500">Stopped at</dt>
                <dd className="text-rose-700">{last.failedCluster}</dd>
              </>
            ) : null}
          </dl>
        ) : null}
      </div>
    </Panel>
  );
}

export function PipelinePanel({ view }: { view: TPipelineView }) {
  const now = Date.parse(view.readAt);
  const [promoting, setPromoting] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      {view.active ? (
        <p className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
          <Link href={promotionHref(view.active.id)} className="font-medium hover:underline">
            Promotion #{view.active.id}
          </Link>{' '}
          ({view.active.chartVersion} / {view.active.imageTag}) is {stateText(view.active.state)};
          one promotion at a time per release.
        </p>
      ) : null}
      <ol className="grid gap-4 lg:grid-cols-3" aria-label="Stages in promotion order">
        {view.stages.map((stage, i) => {
          const previous = view.stages[i - 1];
          return (
            <li key={stage.environment} className="space-y-2">
              {previous ? (
                <div className="flex items-center gap-2">
                  <span aria-hidden className="text-slate-500">
                    →
                  </span>
                  {stage.canPromote ? (
                    <Button
                      size="sm"
                      disabled={view.active !== null}
                      title={view.active ? 'Another promotion is in progress' : undefined}
                      onClick={() => setPromoting(stage.environment)}
                    >
                      Promote to {stage.environment}
                    </Button>
                  ) : (
                    <span className="text-xs text-slate-500">from {previous.environment}</span>
                  )}
                </div>
              ) : (
                <div className="h-7 text-xs leading-7 text-slate-500">first stage</div>
              )}
              <StageCard release={view.release} stage={stage} now={now} />
            </li>
          );
        })}
      </ol>
      <Panel title="Recent promotions">
        {view.recent.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-500">No promotions yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="px-4 py-1.5 font-medium">#</th>
                <th className="px-4 py-1.5 font-medium">To</th>
                <th className="px-4 py-1.5 font-medium">Build</th>
                <th className="px-4 py-1.5 font-medium">State</th>
                <th className="px-4 py-1.5 font-medium">When</th>
              </tr>
            </thead>
            <tbody>
              {view.recent.map((p) => (
                <tr key={p.id} className="border-t border-slate-100">
                  <td className="px-4 py-1.5">
                    <Link href={promotionHref(p.id)} className="text-indigo-700 hover:underline">
                      #{p.id}
                    </Link>
                  </td>
                  <td className="px-4 py-1.5">
                    {p.from ? `${p.from} → ` : ''}
                    {p.to}
                  </td>
                  <td className="px-4 py-1.5">
                    {p.chartVersion} / {p.imageTag}{' '}
                    <code className="text-xs text-slate-500">{shortDigest(p.chartDigest)}</code>
                  </td>
                  <td className="px-4 py-1.5">
                    <StatusBadge tone={stateTone(p.state)}>{stateText(p.state)}</StatusBadge>
                    {p.failedCluster ? (
                      <span className="ml-1 text-xs text-rose-700">at {p.failedCluster}</span>
                    ) : null}
                  </td>
                  <td className="px-4 py-1.5">
                    <Time value={p.createdAt} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      {promoting ? (
        <PromoteDialog release={view.release} to={promoting} onClose={() => setPromoting(null)} />
      ) : null}
    </div>
  );
}
