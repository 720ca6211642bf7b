import Link from 'next/link';
import { OPERATION_KINDS } from '@/lib/operations/kinds/names';

// Filters of the audit page: a plain GET form, so every filtered view is a shareable URL.
const INPUT = 'h-8 rounded-md border border-slate-300 px-2 text-sm';

export function AuditFilterForm({
  values,
}: {
  values: Record<string, string | number | undefined>;
}) {
  const v = (k: string) => (values[k] === undefined ? '' : String(values[k]));
  return (
    <form aria-label="Filter audit records" className="mb-3 flex flex-wrap items-end gap-2 text-sm">
      <input
        name="who"
        aria-label="Who"
        placeholder="who (name or id)"
        defaultValue={v('who')}
        className={INPUT}
      />
      <select name="action" aria-label="What" defaultValue={v('action')} className={INPUT}>
        <option value="">any action</option>
        {OPERATION_KINDS.map((a) => (
          <option key={a}>{a}</option>
        ))}
      </select>
      <input
        name="environment"
        aria-label="Environment"
        placeholder="environment"
        defaultValue={v('environment')}
        className={INPUT}
      />
      <input
        name="release"
        aria-label="Release"
        placeholder="release"
        defaultValue={v('release')}
        className={INPUT}
      />
      <select name="outcome" aria-label="Outcome" defaultValue={v('outcome')} className={INPUT}>
        <option value="">any outcome</option>
        {['intent', 'succeeded', 'failed', 'denied'].map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
      <label className="flex items-center gap-1 text-xs text-slate-500">
        from{' '}
        <input
          type="datetime-local"
          name="from"
          aria-label="From"
          defaultValue={v('from')}
          className={INPUT}
        />
      </label>
      <label className="flex items-center gap-1 text-xs text-slate-500">
        to{' '}
        <input
          type="datetime-local"
          name="to"
          aria-label="To"
          defaultValue={v('to')}
          className={INPUT}
        />
      </label>
      {values.operationId ? (
        <input type="hidden" name="operationId" value={v('operationId')} />
      ) : null}
      <button className="h-8 rounded-md bg-indigo-600 px-3 font-medium text-white hover:bg-indigo-500">
        Filter
      </button>
      <Link href="/audit" className="h-8 px-2 leading-8 text-slate-500 hover:text-slate-800">
        Clear
      </Link>
    </form>
  );
}
