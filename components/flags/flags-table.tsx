'use client';

// One release's feature flags: a row per flag, a column per environment and
// cluster, the live value read from the deployed release and the value kept
// for later deploys. Places whose values differ are marked. Setting a value
// previews the upgrade (only that value changes) and queues it.
import { useState } from 'react';
import { Dialog } from '@/components/operations/dialog';
import {
  PreviewConfirmFailures,
  PreviewConfirmFooter,
  TicketField,
  usePreviewThenConfirm,
} from '@/components/operations/preview-confirm';
import { PreviewDiff } from '@/components/operations/preview-diff';
import { Field, INPUT } from '@/components/operations/values-editor';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import type { TFlagCell, TFlagRow, TFlagsView } from '@/lib/flags/view';

const shown = (v: unknown) => (v === undefined ? 'not set' : JSON.stringify(v));

/** The value a toggle sets: the opposite of a boolean, else what the user types. */
function parseValue(text: string): boolean | number | string {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

function SetFlagDialog({
  release,
  flag,
  cell,
  onClose,
}: {
  release: string;
  flag: TFlagRow;
  cell: TFlagCell;
  onClose: () => void;
}) {
  const initial = typeof cell.live === 'boolean' ? String(!cell.live) : '';
  const [text, setText] = useState(initial);
  const [ticket, setTicket] = useState('');
  const request = {
    kind: 'flag_set',
    environment: cell.environment,
    cluster: cell.cluster,
    release,
    params: {
      flag: flag.name,
      value: parseValue(text),
      ...(cell.colour ? { colour: cell.colour } : {}),
    },
    ticketId: ticket.trim() === '' ? undefined : ticket.trim(),
  };
  const flow = usePreviewThenConfirm(request);
  return (
    <Dialog
      wide
      title={`Set ${flag.name} in ${cell.environment}/${cell.cluster}`}
      onClose={onClose}
      footer={<PreviewConfirmFooter flow={flow} onClose={onClose} confirmLabel="Set the flag" />}
    >
      <p className="text-sm text-slate-700">
        helm upgrade of <code>{cell.helmRelease}</code> that changes only <code>{flag.path}</code>{' '}
        (now {shown(cell.live)}). The value is kept for {cell.environment}/{cell.cluster} and
        applied last on every later upgrade and promotion there.
      </p>
      <div className="grid grid-cols-2 gap-3">
        <Field label="New value" hint="true, false, a number or text">
          <input className={INPUT} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <TicketField value={ticket} onChange={setTicket} />
      </div>
      <PreviewConfirmFailures flow={flow} />
      {flow.current ? <PreviewDiff preview={flow.current} /> : null}
    </Dialog>
  );
}

export function FlagsTable({ view }: { view: TFlagsView }) {
  const [open, setOpen] = useState<{ flag: TFlagRow; cell: TFlagCell } | null>(null);
  const places = view.flags[0]?.cells ?? [];
  return (
    <Panel title={view.release}>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid={`flags-${view.release}`}>
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">Flag</th>
              {places.map((p) => (
                <th key={`${p.environment}/${p.cluster}`} className="px-3 py-2 font-medium">
                  {p.environment}/{p.cluster}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.flags.map((flag) => (
              <tr key={flag.name} className="border-t border-slate-100 align-top">
                <td className="px-4 py-2">
                  <div className="font-medium text-slate-900">
                    {flag.name}{' '}
                    {flag.differs ? <StatusBadge tone="warn">differs</StatusBadge> : null}
                  </div>
                  <div className="font-mono text-[11px] text-slate-500">{flag.path}</div>
                  {flag.description ? (
                    <div className="text-xs text-slate-500">{flag.description}</div>
                  ) : null}
                </td>
                {flag.cells.map((c) => (
                  <td
                    key={`${c.environment}/${c.cluster}`}
                    className="px-3 py-2"
                    data-testid={`flag-${flag.name}-${c.environment}-${c.cluster}`}
                  >
                    {c.error ? (
                      <span className="text-xs text-rose-700">{c.error}</span>
                    ) : !c.installed ? (
                      <span className="text-xs text-slate-500">not installed</span>
                    ) : (
                      <div className="space-y-1">
                        <code data-testid="flag-live">{shown(c.live)}</code>
                        {c.colour ? (
                          <div className="text-[11px] text-slate-500">live colour {c.colour}</div>
                        ) : null}
                        {c.kept !== undefined ? (
                          <div className="text-[11px] text-slate-500">kept {shown(c.kept)}</div>
                        ) : null}
                        {c.canSet ? (
                          <Button variant="secondary" onClick={() => setOpen({ flag, cell: c })}>
                            Set
                          </Button>
                        ) : null}
                      </div>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {open ? (
        <SetFlagDialog
          release={view.release}
          flag={open.flag}
          cell={open.cell}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </Panel>
  );
}
