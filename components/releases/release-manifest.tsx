// The rendered manifest, one collapsible block per object, secrets redacted.
import { Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import type { TReleaseDetail } from '@/lib/release-view';

export function ReleaseManifest({
  manifest,
  hooks,
}: {
  manifest: TReleaseDetail['manifest'];
  hooks: TReleaseDetail['hooks'];
}) {
  return (
    <div className="space-y-4">
      <Panel title={`Resources (${manifest.length})`}>
        <ul className="divide-y divide-slate-100">
          {manifest.map((m) => (
            <li key={m.key}>
              <details>
                <summary className="flex cursor-pointer items-center gap-2 px-4 py-2 text-sm hover:bg-slate-50">
                  <span className="w-28 text-xs text-slate-500">{m.kind}</span>
                  <span className="font-mono text-xs text-slate-900">{m.name}</span>
                  {m.source ? (
                    <span className="ml-auto font-mono text-[11px] text-slate-500">{m.source}</span>
                  ) : null}
                </summary>
                <pre className="overflow-x-auto border-t border-slate-100 bg-slate-50 px-4 py-3 font-mono text-xs leading-relaxed text-slate-700">
                  {m.yaml}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      </Panel>
      {hooks.length > 0 ? (
        <Panel title={`Hooks (${hooks.length})`}>
          <ul className="divide-y divide-slate-100 text-sm">
            {hooks.map((h) => (
              <li key={`${h.kind}/${h.name}`} className="flex items-center gap-2 px-4 py-2">
                <span className="w-28 text-xs text-slate-500">{h.kind}</span>
                <span className="font-mono text-xs">{h.name}</span>
                <span className="text-xs text-slate-500">{h.events.join(', ')}</span>
                {h.phase ? (
                  <span className="ml-auto">
                    <StatusBadge
                      tone={
                        h.phase === 'Succeeded' ? 'ok' : h.phase === 'Failed' ? 'fail' : 'neutral'
                      }
                    >
                      {h.phase}
                    </StatusBadge>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
    </div>
  );
}
