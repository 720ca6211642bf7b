'use client';

// Confirms "Promote to <next>": the exact build the previous stage runs, what
// changes on each target cluster, the waves, and the gates that refuse it
// now (each naming itself and when it opens). Where the target needs a change
// ticket, one is asked for (or created from this promotion).
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { CommandError, Dialog } from '@/components/operations/dialog';
import { useCommand } from '@/components/operations/use-command';
import { Field, INPUT } from '@/components/operations/values-editor';
import { Button } from '@/components/ui/button';
import { promotionHref, shortDigest } from './format';
import { usePromotionActions } from './promotion-actions';

export function PromoteDialog({
  release,
  to,
  onClose,
}: {
  release: string;
  to: string;
  onClose: () => void;
}) {
  const router = useRouter();
  const actions = usePromotionActions();
  const preview = useCommand(actions.preview);
  const promote = useCommand(actions.promote);
  const ticket = useCommand(actions.createTicket);
  const [ticketId, setTicketId] = useState('');
  const { run: runPreview } = preview;
  useEffect(() => {
    runPreview({ release, to });
    // Once per dialog: the preview is of the moment it opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [release, to]);
  const p = preview.data;
  const blocked = p ? p.refusals.length > 0 : true;
  return (
    <Dialog
      title={`Promote ${release} to ${to}`}
      onClose={onClose}
      wide
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={!p || blocked || promote.pending || (p.requireTicket && !ticketId.trim())}
            onClick={() =>
              promote.run({ release, to, ticketId: ticketId.trim() || undefined }, (r) =>
                router.push(promotionHref(r.id)),
              )
            }
          >
            {promote.pending ? 'Starting…' : `Promote to ${to}`}
          </Button>
        </>
      }
    >
      {preview.pending && !p ? <p className="text-slate-500">Reading what would change…</p> : null}
      {preview.failure ? (
        <CommandError message={preview.failure.error} problems={preview.failure.problems} />
      ) : null}
      {p ? (
        <>
          <p className="text-slate-700" data-testid="promotion-build">
            Carries exactly what {p.from ?? 'the request'} runs: chart{' '}
            <strong>{p.build.chartVersion}</strong> (archive{' '}
            <code title={p.build.chartDigest}>{shortDigest(p.build.chartDigest)}</code>), image{' '}
            <strong>{p.build.imageTag}</strong>, with {p.to}&apos;s own values files.
          </p>
          <table className="w-full text-left text-sm" aria-label="What changes per cluster">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-3 font-medium">Wave</th>
                <th className="py-1 pr-3 font-medium">Cluster</th>
                <th className="py-1 pr-3 font-medium">Runs now</th>
                <th className="py-1 font-medium">After</th>
              </tr>
            </thead>
            <tbody>
              {p.clusters.map((c) => (
                <tr key={c.cluster} className="border-t border-slate-100" data-cluster={c.cluster}>
                  <td className="py-1 pr-3">{c.wave + 1}</td>
                  <td className="py-1 pr-3 font-medium">{c.cluster}</td>
                  <td className="py-1 pr-3">
                    {c.error
                      ? c.error
                      : c.now
                        ? `${c.now.chartVersion ?? '?'} / ${c.now.imageTag ?? '?'} (revision ${c.now.revision})`
                        : 'not installed'}
                  </td>
                  <td className="py-1">
                    {c.same
                      ? 'no change'
                      : `${p.build.chartVersion} / ${p.build.imageTag}${c.now ? '' : ' (install)'}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-slate-600">
            {p.waves.length > 1
              ? `${p.waves.length} waves (${p.waves.map((w) => w.join(' + ')).join(' → ')}): each is checked, deployed, verified and soaks before the next; the first failure rolls that cluster back and stops the rest.`
              : 'One wave: checked, deployed, verified; a failure rolls it back.'}
          </p>
          {p.refusals.length > 0 ? (
            <CommandError
              message={p.refusals.map((r) => `${r.gate}: ${r.reason}`).join('\n')}
              problems={p.refusals.map((r) => `${r.gate}: ${r.reason}`)}
            />
          ) : null}
          {p.requireTicket ? (
            <div className="space-y-2 rounded-md border border-slate-200 p-3">
              <Field
                label="Change ticket #"
                hint={`${p.to} needs an approved ticket bound to this build and these clusters`}
              >
                <input
                  className={INPUT}
                  inputMode="numeric"
                  value={ticketId}
                  onChange={(e) => setTicketId(e.target.value)}
                />
              </Field>
              <div className="flex items-center gap-2">
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={ticket.pending}
                  onClick={() =>
                    ticket.run({ release, to }, (t) => router.push(`/tickets/${t.id}`))
                  }
                >
                  {ticket.pending ? 'Creating…' : 'Create a change ticket for this promotion'}
                </Button>
                <span className="text-xs text-slate-500">
                  with the diff computed here and the rollback plan filled in
                </span>
              </div>
              {ticket.failure ? (
                <CommandError message={ticket.failure.error} problems={ticket.failure.problems} />
              ) : null}
            </div>
          ) : null}
        </>
      ) : null}
      {promote.failure ? (
        <CommandError message={promote.failure.error} problems={promote.failure.problems} />
      ) : null}
    </Dialog>
  );
}
