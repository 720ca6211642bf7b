'use client';

// Search and filters above the overview.
import type { TOverviewFilter } from './overview-filter';

const field =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200';

export function OverviewToolbar({
  filter,
  environments,
  onChange,
  shown,
  total,
}: {
  filter: TOverviewFilter;
  environments: string[];
  onChange: (f: TOverviewFilter) => void;
  shown: number;
  total: number;
}) {
  const set = <K extends keyof TOverviewFilter>(k: K, v: TOverviewFilter[K]) =>
    onChange({ ...filter, [k]: v });
  return (
    <div
      role="search"
      aria-label="Filter releases"
      className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-2.5"
    >
      <label className="flex flex-col text-xs text-slate-600">
        Search
        <input
          type="search"
          value={filter.search}
          onChange={(e) => set('search', e.target.value)}
          placeholder="release name"
          className={field}
        />
      </label>
      <label className="flex flex-col text-xs text-slate-600">
        Environment
        <select
          value={filter.environment}
          onChange={(e) => set('environment', e.target.value)}
          className={field}
        >
          <option value="">all</option>
          {environments.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs text-slate-600">
        Health
        <select
          value={filter.health}
          onChange={(e) => set('health', e.target.value as TOverviewFilter['health'])}
          className={field}
        >
          <option value="any">any</option>
          <option value="unhealthy">needs attention</option>
          <option value="healthy">healthy</option>
        </select>
      </label>
      <label className="flex flex-col text-xs text-slate-600">
        Drift
        <select
          value={filter.drift}
          onChange={(e) => set('drift', e.target.value as TOverviewFilter['drift'])}
          className={field}
        >
          <option value="any">any</option>
          <option value="drifted">versions differ</option>
          <option value="live">changed live</option>
        </select>
      </label>
      <label className="flex flex-col text-xs text-slate-600">
        Changed by
        <select
          value={filter.origin}
          onChange={(e) => set('origin', e.target.value as TOverviewFilter['origin'])}
          className={field}
        >
          <option value="any">anyone</option>
          <option value="outside">outside Helmdeck</option>
        </select>
      </label>
      <span className="ml-auto text-xs text-slate-600" data-testid="shown-count" aria-live="polite">
        {shown === total ? `${total} releases` : `${shown} of ${total} releases`}
      </span>
    </div>
  );
}
