// Values changes path by path; a secret shows only that it changed.
import { StatusBadge } from '@/components/ui/status-badge';
import type { TValueChange } from '@/lib/releases/values-diff';

function show(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
}

const TONE = { added: 'ok', removed: 'fail', changed: 'warn' } as const;

export function ValuesChanges({ changes, label }: { changes: TValueChange[]; label: string }) {
  if (changes.length === 0)
    return <p className="px-4 py-3 text-sm text-slate-500">No differences.</p>;
  return (
    <div className="overflow-x-auto">
      <table aria-label={label} className="min-w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase">
          <tr>
            <th className="px-4 py-2 font-medium">Path</th>
            <th className="px-4 py-2 font-medium">Change</th>
            <th className="px-4 py-2 font-medium">From</th>
            <th className="px-4 py-2 font-medium">To</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {changes.map((c) => (
            <tr key={c.path} data-testid="value-change" className="align-top">
              <td className="px-4 py-1.5 font-mono text-xs text-slate-900">{c.path}</td>
              <td className="px-4 py-1.5">
                <StatusBadge tone={TONE[c.change]}>{c.change}</StatusBadge>
              </td>
              {c.secret ? (
                <td colSpan={2} className="px-4 py-1.5 text-xs text-slate-500 italic">
                  secret value {c.change} (hidden)
                </td>
              ) : (
                <>
                  <td className="max-w-md px-4 py-1.5 font-mono text-xs break-all text-rose-800">
                    {show(c.from)}
                  </td>
                  <td className="max-w-md px-4 py-1.5 font-mono text-xs break-all text-emerald-800">
                    {show(c.to)}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
