// Line diffs of one object (or the notes): unified text, or side-by-side rows
// with long unchanged runs folded.
import type { TSideBySideRow } from '@/lib/releases/line-diff';

const CONTEXT = 3;

export function UnifiedLines({ text }: { text: string }) {
  const lines = text.split('\n').filter((l, i, all) => !(i === all.length - 1 && l === ''));
  return (
    <pre className="overflow-x-auto py-1 font-mono text-xs leading-5" data-testid="unified-diff">
      {lines.map((l, i) => {
        const cls =
          l.startsWith('+++') || l.startsWith('---')
            ? 'text-slate-500 font-semibold'
            : l.startsWith('@@')
              ? 'bg-indigo-50 text-indigo-700'
              : l.startsWith('+')
                ? 'bg-emerald-50 text-emerald-900'
                : l.startsWith('-')
                  ? 'bg-rose-50 text-rose-900'
                  : 'text-slate-600';
        return (
          <div key={i} className={`px-3 whitespace-pre ${cls}`}>
            {l || ' '}
          </div>
        );
      })}
    </pre>
  );
}

type TFolded = TSideBySideRow | { kind: 'fold'; count: number };

function fold(rows: TSideBySideRow[]): TFolded[] {
  const keep = rows.map((r, i) => {
    if (r.kind !== 'equal') return true;
    for (let d = -CONTEXT; d <= CONTEXT; d++)
      if (rows[i + d] && rows[i + d]!.kind !== 'equal') return true;
    return false;
  });
  const out: TFolded[] = [];
  rows.forEach((r, i) => {
    if (keep[i]) out.push(r);
    else {
      const last = out[out.length - 1];
      if (last?.kind === 'fold') last.count++;
      else out.push({ kind: 'fold', count: 1 });
    }
  });
  return out;
}

const SIDE = {
  equal: ['', ''],
  added: ['bg-slate-50', 'bg-emerald-50 text-emerald-900'],
  removed: ['bg-rose-50 text-rose-900', 'bg-slate-50'],
  changed: ['bg-rose-50 text-rose-900', 'bg-emerald-50 text-emerald-900'],
} as const;

export function SideBySideLines({ rows }: { rows: TSideBySideRow[] }) {
  return (
    <div className="overflow-x-auto" data-testid="side-by-side-diff">
      <table className="w-full table-fixed border-collapse font-mono text-xs leading-5">
        <colgroup>
          <col className="w-10" />
          <col />
          <col className="w-10" />
          <col />
        </colgroup>
        <tbody>
          {fold(rows).map((r, i) =>
            r.kind === 'fold' ? (
              <tr key={i} className="bg-indigo-50/60 text-indigo-600">
                <td colSpan={4} className="px-3 py-0.5 text-center text-[11px]">
                  ⋯ {r.count} unchanged line{r.count === 1 ? '' : 's'}
                </td>
              </tr>
            ) : (
              <tr key={i}>
                <td className="border-r border-slate-100 pr-2 text-right text-slate-500 select-none">
                  {r.left?.line ?? ''}
                </td>
                <td className={`px-2 break-all whitespace-pre-wrap ${SIDE[r.kind][0]}`}>
                  {r.left?.text ?? ''}
                </td>
                <td className="border-x border-slate-100 pr-2 text-right text-slate-500 select-none">
                  {r.right?.line ?? ''}
                </td>
                <td className={`px-2 break-all whitespace-pre-wrap ${SIDE[r.kind][1]}`}>
                  {r.right?.text ?? ''}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
