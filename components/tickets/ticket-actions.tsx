'use client';
// The buttons of a ticket page. Each calls one server action; the page says
// who may do what, and the server refuses anything else anyway.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import type { TActionResult } from '@/lib/errors';

function useRun() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = <T,>(call: () => Promise<TActionResult<T>>, then?: (data: T) => void) =>
    start(async () => {
      setError(null);
      const r = await call();
      if (!r.ok) return setError(r.error);
      then?.(r.data);
      router.refresh();
    });
  const alert = error ? (
    <p role="alert" className="mt-2 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
      {error}
    </p>
  ) : null;
  return { pending, run, alert };
}

const area = 'block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm';

export function DecisionForm({
  decide,
}: {
  decide: (d: 'approve' | 'reject', comment: string) => Promise<TActionResult<string>>;
}) {
  const { pending, run, alert } = useRun();
  const [comment, setComment] = useState('');
  return (
    <div className="p-4">
      <label className="block text-sm font-medium text-slate-700">
        Comment
        <textarea
          aria-label="Decision comment"
          className={`${area} mt-1`}
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </label>
      <div className="mt-2 flex gap-2">
        <Button
          disabled={pending}
          onClick={() =>
            run(
              () => decide('approve', comment),
              () => setComment(''),
            )
          }
        >
          Approve
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            run(
              () => decide('reject', comment),
              () => setComment(''),
            )
          }
        >
          Reject
        </Button>
      </div>
      {alert}
    </div>
  );
}

export function ActionButton({
  label,
  act,
  variant = 'secondary',
}: {
  label: string;
  act: () => Promise<TActionResult<unknown>>;
  variant?: 'primary' | 'secondary' | 'danger';
}) {
  const { pending, run, alert } = useRun();
  return (
    <div>
      <Button variant={variant} disabled={pending} onClick={() => run(act)}>
        {label}
      </Button>
      {alert}
    </div>
  );
}

type TDeployed = { id: number; cluster: string }[];

export function DeployPanel({
  deploy,
  label,
  breakGlass,
}: {
  deploy: (reason?: string) => Promise<TActionResult<TDeployed>>;
  label: string;
  breakGlass?: boolean;
}) {
  const { pending, run, alert } = useRun();
  const [ops, setOps] = useState<TDeployed>([]);
  const [reason, setReason] = useState('');
  return (
    <div className="p-4">
      {breakGlass ? (
        <label className="mb-2 block text-sm font-medium text-slate-700">
          Break-glass reason (audited, reviewed by an approver afterwards)
          <textarea
            aria-label="Break-glass reason"
            className={`${area} mt-1`}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
      ) : null}
      <Button
        variant={breakGlass ? 'danger' : 'primary'}
        disabled={pending}
        onClick={() => run(() => deploy(breakGlass ? reason : undefined), setOps)}
      >
        {label}
      </Button>
      {ops.length > 0 ? (
        <ul className="mt-2 text-sm" aria-label="Queued operations">
          {ops.map((o) => (
            <li key={o.id}>
              <Link
                className="font-medium text-indigo-600 hover:text-indigo-500"
                href={`/operations/${o.id}`}
              >
                Operation #{o.id} on {o.cluster}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {alert}
    </div>
  );
}
