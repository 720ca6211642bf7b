'use client';

// What an upgrade, install or rollback will change, in the confirmation dialog:
// chart, values (secrets shown only as changed) and the objects that differ.
import { UnifiedLines } from '@/components/diff/diff-lines';
import { ValuesChanges } from '@/components/diff/values-changes';
import { StatusBadge } from '@/components/ui/status-badge';
import type { TOperationPreview } from '@/lib/operations';

const TONE = { changed: 'warn', added: 'ok', removed: 'fail', unchanged: 'neutral' } as const;

export function PreviewDiff({ preview }: { preview: TOperationPreview }) {
  const { from, to } = preview;
  const changed = preview.manifest.resources.filter((r) => r.change !== 'unchanged');
  return (
    <section aria-label="Preview of the change" className="space-y-3">
      <p className="text-sm text-slate-700" data-testid="preview-sides">
        <span className="font-medium">{from.label}</span>{' '}
        <span className="font-mono text-xs text-slate-500">
          {from.chart.name ? `${from.chart.name}-${from.chart.version}` : '—'}
        </span>{' '}
        → <span className="font-medium">{to.label}</span>{' '}
        <span className="font-mono text-xs text-slate-500">
          {to.chart.name}-{to.chart.version}
        </span>
      </p>
      <div className="overflow-hidden rounded-md border border-slate-200">
        <h3 className="border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-xs font-semibold text-slate-700">
          Values ({preview.values.length} change{preview.values.length === 1 ? '' : 's'})
        </h3>
        <ValuesChanges changes={preview.values} label="Values changes" />
      </div>
      <div className="overflow-hidden rounded-md border border-slate-200">
        <h3 className="border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-xs font-semibold text-slate-700">
          Manifest ({changed.length} of {preview.manifest.resources.length} objects change)
        </h3>
        {changed.length === 0 ? (
          <p className="px-3 py-2 text-sm text-slate-500">No object changes.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Manifest changes">
            {changed.map((r) => (
              <li key={r.key} data-testid="preview-resource">
                <details open={changed.length <= 4}>
                  <summary className="flex cursor-pointer items-center gap-2 px-3 py-1.5 hover:bg-slate-50">
                    <StatusBadge tone={TONE[r.change]}>{r.change}</StatusBadge>
                    <span className="text-xs text-slate-500">{r.kind}</span>
                    <span className="font-mono text-xs">{r.name}</span>
                    <span className="ml-auto font-mono text-[11px]">
                      <span className="text-emerald-700">+{r.linesAdded}</span>{' '}
                      <span className="text-rose-700">−{r.linesRemoved}</span>
                    </span>
                  </summary>
                  <div className="border-t border-slate-100">
                    <UnifiedLines text={r.unified} />
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
