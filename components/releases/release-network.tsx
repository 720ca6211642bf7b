// Services and ingress, and which backend actually serves (the live side of blue/green).
import { EmptyState, Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { TReleaseDetail } from '@/lib/release-view';

export function ReleaseNetwork({ detail }: { detail: TReleaseDetail }) {
  return (
    <div className="space-y-4">
      <Panel title="Services">
        {detail.services.length === 0 ? (
          <EmptyState title="No Services" />
        ) : (
          <Table label="Services">
            <THead>
              <tr>
                <Th>Service</Th>
                <Th>Type</Th>
                <Th>Cluster IP</Th>
                <Th>Ports</Th>
                <Th>Selector</Th>
                <Th>Ready endpoints</Th>
              </tr>
            </THead>
            <TBody>
              {detail.services.map((s) => (
                <Tr key={s.name}>
                  <Td className="font-mono text-xs text-slate-900">{s.name}</Td>
                  <Td className="text-xs">{s.type}</Td>
                  <Td className="font-mono text-xs">{s.clusterIP ?? '—'}</Td>
                  <Td className="font-mono text-xs">
                    {s.ports
                      .map((p) => `${p.port}→${p.targetPort ?? p.port}/${p.protocol}`)
                      .join(', ')}
                  </Td>
                  <Td className="font-mono text-[11px] text-slate-500">
                    {Object.entries(s.selector)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(', ')}
                  </Td>
                  <Td>
                    {s.readyEndpoints > 0 ? (
                      <StatusBadge tone="ok">{s.readyEndpoints} ready</StatusBadge>
                    ) : (
                      <StatusBadge tone="fail">none ready</StatusBadge>
                    )}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Panel>
      <Panel title="Ingress">
        {detail.ingresses.length === 0 ? (
          <EmptyState title="No Ingresses" />
        ) : (
          <Table label="Ingress">
            <THead>
              <tr>
                <Th>Ingress</Th>
                <Th>Host / path</Th>
                <Th>Backend</Th>
                <Th>Backend release</Th>
                <Th>Traffic</Th>
              </tr>
            </THead>
            <TBody>
              {detail.ingresses.flatMap((i) =>
                i.backends.map((b) => (
                  <Tr key={`${i.name}/${b.host}/${b.path}/${b.service}`}>
                    <Td className="font-mono text-xs text-slate-900">
                      {i.name}
                      {i.className ? (
                        <span className="ml-1 text-slate-500">({i.className})</span>
                      ) : null}
                    </Td>
                    <Td className="font-mono text-xs">
                      {i.tlsHosts.includes(b.host ?? '') ? 'https://' : 'http://'}
                      {b.host ?? '*'}
                      {b.path}
                    </Td>
                    <Td className="font-mono text-xs">
                      {b.service}:{b.port ?? '?'}
                    </Td>
                    <Td className="text-xs">{b.serviceRelease ?? '—'}</Td>
                    <Td>
                      {b.live ? (
                        <StatusBadge tone="ok">live · {b.readyEndpoints} ready</StatusBadge>
                      ) : (
                        <StatusBadge tone="neutral">idle · no ready pods</StatusBadge>
                      )}
                    </Td>
                  </Tr>
                )),
              )}
            </TBody>
          </Table>
        )}
      </Panel>
    </div>
  );
}
