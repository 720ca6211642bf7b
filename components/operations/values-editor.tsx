'use client';

// Values as YAML, checked as you type for syntax; the chart's values.schema.json
// is checked by the server (helm renders the chart) before anything runs.
import { useMemo } from 'react';
import { parse } from 'yaml';

export function ValuesEditor({
  value,
  onChange,
}: {
  value: string;
  onChange: (v: string) => void;
}) {
  const problem = useMemo(() => {
    if (value.trim() === '') return null;
    try {
      const doc: unknown = parse(value);
      if (doc !== null && (typeof doc !== 'object' || Array.isArray(doc)))
        return 'values must be a YAML mapping (key: value)';
      return null;
    } catch (e) {
      return (e as Error).message.split('\n')[0] ?? 'not valid YAML';
    }
  }, [value]);
  const lines = Math.max(6, value.split('\n').length + 1);
  return (
    <div>
      <label htmlFor="values-yaml" className="block text-xs font-medium text-slate-700">
        Values (YAML, applied over the environment&apos;s values files)
      </label>
      <textarea
        id="values-yaml"
        spellCheck={false}
        rows={Math.min(lines, 20)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={'replicaCount: 3\nconfig:\n  LOG_LEVEL: debug'}
        className="mt-1 w-full rounded-md border border-slate-300 bg-slate-950 px-3 py-2 font-mono text-xs leading-5 text-slate-100 focus:outline-2 focus:outline-indigo-500"
      />
      {problem ? (
        <p className="mt-1 text-xs text-rose-700" role="status">
          YAML: {problem}
        </p>
      ) : null}
    </div>
  );
}

export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: React.ReactElement;
}) {
  return (
    <label className="block">
      <span className="block text-xs font-medium text-slate-700">{label}</span>
      <span className="mt-1 block">{children}</span>
      {hint ? <span className="mt-0.5 block text-xs text-slate-500">{hint}</span> : null}
    </label>
  );
}

export const INPUT =
  'h-9 w-full rounded-md border border-slate-300 px-2.5 text-sm focus:outline-2 focus:outline-indigo-500';
