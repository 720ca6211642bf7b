// A release diff: chart and version changes, values, every object of the
// manifest (changed, added, removed, unchanged) and the notes. Links only:
// the view toggle is a URL parameter so the page is shareable as shown.
import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import type { TReleaseDiff } from '@/lib/release-view';
import { SideBySideLines, UnifiedLines } from './diff-lines';
import { ValuesChanges } from './values-changes';

export type TDiffMode = 'unified' | 'split';
type TRef = TReleaseDiff['from'];

const CHANGE_TONE = {
  changed: 'warn',
  added: 'ok',
  removed: 'fail',
  unchanged: 'neutral',
} as const;

function Side({ side, r }: { side: string; r: TRef }) {
  return (
    <div className="min-w-0 flex-1 rounded-md border border-slate-200 bg-white px-3 py-2">
      <div className="text-[11px] font-medium tracking-wide text-slate-500 uppercase">{side}</div>
      <div className="truncate text-sm font-semibold text-slate-900">{r.label}</div>
      <div className="text-xs text-slate-600" data-testid="diff-side-namespace">
        namespace {r.namespace}
      </div>
      <div className="font-mono text-xs text-slate-600">
        {r.chart.name}-{r.chart.version} · app {r.chart.appVersion ?? '—'} · rev {r.revision}
      </div>
    </div>
  );
}

export function DiffView({
  diff,
  mode,
  modeHref,
}: {
  diff: TReleaseDiff;
  mode: TDiffMode;
  modeHref: (m: TDiffMode) => string;
}) {
  const res = diff.manifest.resources;
  const count = (k: string) => res.filter((r) => r.change === k).length;
  const chartChanges = [
    diff.chart.nameChanged ? `chart ${diff.from.chart.name} → ${diff.to.chart.name}` : null,
    diff.chart.versionChanged
      ? `chart version ${diff.from.chart.version} → ${diff.to.chart.version}`
      : null,
    diff.chart.appVersionChanged
      ? `app version ${diff.from.chart.appVersion ?? '—'} → ${diff.to.chart.appVersion ?? '—'}`
      : null,
  ].filter((x): x is string => x !== null);
  return (
    <div className="space-y-4">
      <div className="flex items-stretch gap-3">
        <Side side="From" r={diff.from} />
        <div className="self-center text-slate-500" aria-hidden>
          →
        </div>
        <Side side="To" r={diff.to} />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {chartChanges.length === 0 ? (
          <StatusBadge tone="neutral">same chart and app version</StatusBadge>
        ) : (
          chartChanges.map((c) => (
            <StatusBadge key={c} tone="info">
              {c}
            </StatusBadge>
          ))
        )}
        <StatusBadge tone={diff.values.length ? 'warn' : 'neutral'}>
          {diff.values.length} value change{diff.values.length === 1 ? '' : 's'}
        </StatusBadge>
        <StatusBadge tone={count('changed') ? 'warn' : 'neutral'}>
          {count('changed')} changed
        </StatusBadge>
        <StatusBadge tone={count('added') ? 'ok' : 'neutral'}>{count('added')} added</StatusBadge>
        <StatusBadge tone={count('removed') ? 'fail' : 'neutral'}>
          {count('removed')} removed
        </StatusBadge>
        <span className="text-xs text-slate-500">{count('unchanged')} objects unchanged</span>
        <nav
          aria-label="Diff layout"
          className="ml-auto inline-flex overflow-hidden rounded-md border border-slate-300 text-xs font-medium"
        >
          {(['unified', 'split'] as const).map((m) => (
            <Link
              key={m}
              href={modeHref(m)}
              aria-current={m === mode ? 'page' : undefined}
              scroll={false}
              className={cn(
                'px-2.5 py-1',
                m === mode
                  ? 'bg-slate-800 text-white'
                  : 'bg-white text-slate-600 hover:bg-slate-50',
              )}
            >
              {m === 'unified' ? 'Unified' : 'Side by side'}
            </Link>
          ))}
        </nav>
      </div>
      <Panel title="Values (user-supplied)" aside="secrets shown only as changed">
        <ValuesChanges changes={diff.values} label="Values changes" />
      </Panel>
      <Panel>
        <details>
          <summary className="cursor-pointer px-4 py-2.5 text-sm font-semibold text-slate-900">
            Computed values{' '}
            <span className="font-normal text-slate-500">
              ({diff.computedValues.length} changes, chart defaults included)
            </span>
          </summary>
          <ValuesChanges changes={diff.computedValues} label="Computed values changes" />
        </details>
      </Panel>
      <Panel title="Manifest" aside={`${res.length} objects`}>
        <ul className="divide-y divide-slate-200" aria-label="Manifest changes">
          {res.map((r) => (
            <li key={`${r.change}/${r.key}`} data-testid="resource-diff" data-change={r.change}>
              <details open={r.change !== 'unchanged' && res.length - count('unchanged') <= 12}>
                <summary className="flex cursor-pointer items-center gap-2 px-4 py-2 hover:bg-slate-50">
                  <StatusBadge tone={CHANGE_TONE[r.change]}>{r.change}</StatusBadge>
                  <span className="w-28 text-xs text-slate-500">{r.kind}</span>
                  <span className="font-mono text-xs text-slate-900">{r.name}</span>
                  {r.change !== 'unchanged' ? (
                    <span className="ml-auto font-mono text-[11px]">
                      <span className="text-emerald-700">+{r.linesAdded}</span>{' '}
                      <span className="text-rose-700">−{r.linesRemoved}</span>
                    </span>
                  ) : null}
                </summary>
                {r.change === 'unchanged' ? null : (
                  <div className="border-t border-slate-100">
                    {mode === 'split' ? (
                      <SideBySideLines rows={r.rows} />
                    ) : (
                      <UnifiedLines text={r.unified} />
                    )}
                  </div>
                )}
              </details>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel title="Notes">
        {diff.notes.changed ? (
          mode === 'split' ? (
            <SideBySideLines rows={diff.notes.rows} />
          ) : (
            <UnifiedLines text={diff.notes.unified} />
          )
        ) : (
          <p className="px-4 py-3 text-sm text-slate-500">The notes are the same.</p>
        )}
      </Panel>
    </div>
  );
}
