'use client';

// Every revision helm keeps; pick any two (radio "from" and "to") to open their diff.
import Link from 'next/link';
import { useState } from 'react';
import { Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { TReleaseHistory } from '@/lib/release-view';
import { helmStatusTone, releaseHref } from './format';
import { ClaimedText, OutsideBadge } from './origin-badge';
import { Time } from '@/components/ui/time';

export function ReleaseHistoryTable({ history, now }: { history: TReleaseHistory; now: number }) {
  const revs = history.revisions;
  const [from, setFrom] = useState<number | null>(revs[1]?.revision ?? null);
  const [to, setTo] = useState<number | null>(revs[0]?.revision ?? null);
  const base = releaseHref(history.environment, history.cluster, history.name);
  const diffHref = (a: number, b: number) => `${base}/diff?from=${a}&to=${b}`;
  const canCompare = from !== null && to !== null && from !== to;
  return (
    <Panel
      title={`Revisions (${revs.length})`}
      aside={
        canCompare ? (
          <Link
            href={diffHref(from, to)}
            className="inline-flex h-7 items-center rounded-md bg-indigo-600 px-2.5 text-xs font-medium text-white hover:bg-indigo-500"
          >
            Compare revision {from} → {to}
          </Link>
        ) : (
          'pick two revisions to compare'
        )
      }
    >
      <Table label="Revisions">
        <THead>
          <tr>
            <Th className="w-12">From</Th>
            <Th className="w-12">To</Th>
            <Th>Rev</Th>
            <Th>Status</Th>
            <Th>Chart</Th>
            <Th>App / image</Th>
            <Th>Description</Th>
            <Th>Deployed</Th>
            <Th>By</Th>
            <Th />
          </tr>
        </THead>
        <TBody>
          {revs.map((r, i) => {
            const prev = revs[i + 1];
            return (
              <Tr key={r.revision} className={r.status === 'failed' ? 'bg-rose-50/40' : undefined}>
                <Td>
                  <input
                    type="radio"
                    name="from"
                    aria-label={`Compare from revision ${r.revision}`}
                    checked={from === r.revision}
                    onChange={() => setFrom(r.revision)}
                  />
                </Td>
                <Td>
                  <input
                    type="radio"
                    name="to"
                    aria-label={`Compare to revision ${r.revision}`}
                    checked={to === r.revision}
                    onChange={() => setTo(r.revision)}
                  />
                </Td>
                <Td className="font-mono text-xs font-semibold text-slate-900">{r.revision}</Td>
                <Td>
                  <StatusBadge tone={helmStatusTone(r.status)}>{r.status}</StatusBadge>
                </Td>
                <Td className="font-mono text-xs">{r.chartVersion ?? '—'}</Td>
                <Td className="font-mono text-xs">
                  {r.appVersion ?? '—'} · {r.imageTag ?? '—'}
                </Td>
                <Td className="max-w-sm text-xs text-slate-600">
                  {r.origin?.by === 'outside' ? (
                    <div className="space-y-0.5">
                      <OutsideBadge origin={r.origin} />
                      <div>
                        <ClaimedText origin={r.origin} />
                      </div>
                    </div>
                  ) : r.readable ? (
                    r.description
                  ) : (
                    <span className="text-slate-500">not readable</span>
                  )}
                </Td>
                <Td className="text-xs whitespace-nowrap text-slate-500">
                  <Time value={r.deployedAt} now={now} />
                </Td>
                <Td className="text-xs">{r.actor ?? <span className="text-slate-500">—</span>}</Td>
                <Td className="text-right">
                  {prev ? (
                    <Link
                      href={diffHref(prev.revision, r.revision)}
                      className="text-xs font-medium whitespace-nowrap text-indigo-600 hover:underline"
                    >
                      diff vs {prev.revision}
                    </Link>
                  ) : null}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
    </Panel>
  );
}
