// "Drifted": the release's objects whose live fields differ from what its
// chart set, field by field (values redacted like the manifest).
import { StatusBadge } from '@/components/ui/status-badge';
import type { TReleaseDetail } from '@/lib/release-view';

export function ReleaseLiveDrift({ drift }: { drift: TReleaseDetail['liveDrift'] }) {
  if (!drift || drift.length === 0) return null;
  return (
    <section
      aria-label="Live drift"
      data-testid="live-drift-detail"
      className="rounded-lg border border-amber-200 bg-amber-50/60 px-4 py-3 text-sm"
    >
      <h2 className="flex items-center gap-2 font-medium text-amber-900">
        <StatusBadge tone="warn">drifted</StatusBadge>
        {drift.length} object{drift.length === 1 ? '' : 's'} in the cluster differ from what the
        chart set
      </h2>
      <table className="mt-2 w-full text-left text-xs">
        <thead className="text-slate-500">
          <tr>
            <th className="py-1 pr-3 font-medium">Object</th>
            <th className="py-1 pr-3 font-medium">Field</th>
            <th className="py-1 pr-3 font-medium">Chart sets</th>
            <th className="py-1 font-medium">Live</th>
          </tr>
        </thead>
        <tbody>
          {drift.flatMap((o) => {
            const object = `${o.kind}/${o.name}`;
            if (o.missing)
              return [
                <tr key={object} className="border-t border-amber-100">
                  <td className="py-1 pr-3 font-mono">{object}</td>
                  <td className="py-1 pr-3 text-slate-500" colSpan={3}>
                    deleted from the cluster
                  </td>
                </tr>,
              ];
            return o.fields.map((f) => (
              <tr key={`${object} ${f.path}`} className="border-t border-amber-100">
                <td className="py-1 pr-3 font-mono">{object}</td>
                <td className="py-1 pr-3 font-mono">{f.path}</td>
                <td className="py-1 pr-3 font-mono break-all">{f.chart}</td>
                <td className="py-1 font-mono break-all">{f.live ?? '(not set)'}</td>
              </tr>
            ));
          })}
        </tbody>
      </table>
    </section>
  );
}
