// Four numbers that say whether anything needs a look.
import { cn } from '@/components/ui/cn';
import type { TOverview } from '@/lib/release-view';

export function SummaryStrip({ overview }: { overview: TOverview }) {
  const cells = overview.rows.flatMap((r) => r.cells).filter((c) => c.release && c.state === 'ok');
  const unhealthy = cells.filter((c) =>
    ['degraded', 'failed'].includes(c.release?.health?.health ?? ''),
  ).length;
  const failed = cells.filter(
    (c) => c.release?.status === 'failed' || c.release?.status.startsWith('pending'),
  ).length;
  const drifted = overview.rows.filter((r) => r.drift.length > 0).length;
  const down = overview.clusters.filter((c) => c.state === 'error').length;
  const items = [
    {
      label: 'Releases',
      value: overview.rows.length,
      hint: `${cells.length} installs`,
      bad: false,
    },
    {
      label: 'Unhealthy installs',
      value: unhealthy,
      hint: 'degraded or failed workloads',
      bad: unhealthy > 0,
    },
    { label: 'Failed or pending', value: failed, hint: 'helm status', bad: failed > 0 },
    {
      label: 'Releases with drift',
      value: drifted,
      hint: 'environments or clusters apart',
      bad: false,
      warn: drifted > 0,
    },
    { label: 'Clusters down', value: down, hint: `of ${overview.clusters.length}`, bad: down > 0 },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
      {items.map((i) => (
        <div
          key={i.label}
          className="rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-xs"
        >
          <dt className="text-[11px] font-medium tracking-wide text-slate-500 uppercase">
            {i.label}
          </dt>
          <dd
            className={cn(
              'text-xl font-semibold',
              i.bad ? 'text-rose-600' : i.warn ? 'text-amber-600' : 'text-slate-900',
            )}
          >
            {i.value}
            <span className="ml-1.5 text-[11px] font-normal text-slate-500">{i.hint}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
