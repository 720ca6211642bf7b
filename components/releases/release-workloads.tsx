// Workloads, pods (restarts, reasons, age) and the release notes.
import Link from 'next/link';
import { EmptyState, Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { TReleaseDetail } from '@/lib/release-view';
import { durationText } from './format';

export function ReleaseWorkloads({ detail, now: _now }: { detail: TReleaseDetail; now: number }) {
  const { workloads } = detail.health;
  return (
    <div className="space-y-4">
      <Panel title="Workloads">
        {workloads.length === 0 ? (
          <EmptyState title="No Deployments, StatefulSets or DaemonSets" />
        ) : (
          <Table label="Workloads">
            <THead>
              <tr>
                <Th>Kind</Th>
                <Th>Name</Th>
                <Th>Ready</Th>
                <Th>Updated</Th>
                <Th>State</Th>
              </tr>
            </THead>
            <TBody>
              {workloads.map((w) => (
                <Tr key={`${w.kind}/${w.name}`}>
                  <Td className="text-xs text-slate-500">{w.kind}</Td>
                  <Td className="font-mono text-xs text-slate-900">{w.name}</Td>
                  <Td className="font-mono text-xs">
                    {w.ready}/{w.desired}
                  </Td>
                  <Td className="font-mono text-xs">
                    {w.updated}/{w.desired}
                  </Td>
                  <Td>
                    {w.deadlineExceeded ? (
                      <StatusBadge tone="fail">progress deadline exceeded</StatusBadge>
                    ) : w.stale ? (
                      <StatusBadge tone="info">rolling out</StatusBadge>
                    ) : w.ready >= w.desired ? (
                      <StatusBadge tone="ok">available</StatusBadge>
                    ) : (
                      <StatusBadge tone="warn">not ready</StatusBadge>
                    )}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Panel>
      <Panel title={`Pods (${detail.pods.length})`}>
        {detail.pods.length === 0 ? (
          <EmptyState title="No pods" />
        ) : (
          <Table label="Pods">
            <THead>
              <tr>
                <Th>Pod</Th>
                <Th>Phase</Th>
                <Th>Ready</Th>
                <Th>Restarts</Th>
                <Th>Reason</Th>
                <Th>Age</Th>
                <Th>Logs</Th>
              </tr>
            </THead>
            <TBody>
              {detail.pods.map((p) => (
                <Tr key={p.name}>
                  <Td className="font-mono text-xs text-slate-900">{p.name}</Td>
                  <Td className="text-xs">{p.phase}</Td>
                  <Td>
                    {p.ready ? (
                      <StatusBadge tone="ok">ready</StatusBadge>
                    ) : (
                      <StatusBadge tone="warn">not ready</StatusBadge>
                    )}
                  </Td>
                  <Td
                    className={`font-mono text-xs ${p.restarts > 0 ? 'font-semibold text-amber-700' : ''}`}
                  >
                    {p.restarts}
                  </Td>
                  <Td>
                    {p.reason ? (
                      <StatusBadge
                        tone={p.reason === 'Pending' ? 'warn' : 'fail'}
                        title={p.message ?? undefined}
                      >
                        {p.reason}
                      </StatusBadge>
                    ) : (
                      <span className="text-xs text-slate-500">—</span>
                    )}
                    {p.message ? (
                      <div
                        className="mt-0.5 max-w-md truncate text-[11px] text-slate-500"
                        title={p.message}
                      >
                        {p.message}
                      </div>
                    ) : null}
                  </Td>
                  <Td className="text-xs text-slate-500">
                    {p.ageMs === null ? '—' : durationText(p.ageMs)}
                  </Td>
                  <Td className="text-xs">
                    <Link
                      href={`?tab=logs&pod=${encodeURIComponent(p.name)}`}
                      scroll={false}
                      className="text-indigo-600 hover:underline"
                      aria-label={`Logs of ${p.name}`}
                    >
                      Logs
                    </Link>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Panel>
      <Panel title="Notes">
        {detail.notes ? (
          <pre className="overflow-x-auto px-4 py-3 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-700">
            {detail.notes}
          </pre>
        ) : (
          <EmptyState title="The chart has no NOTES.txt" />
        )}
      </Panel>
    </div>
  );
}
