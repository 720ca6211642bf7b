'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import type { TActionResult } from '@/lib/errors';

/** An approver's after-the-fact review of one break-glass run. */
export function ReviewForm({
  review,
}: {
  review: (comment: string) => Promise<TActionResult<undefined>>;
}) {
  const router = useRouter();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="flex items-start gap-2">
      <input
        aria-label="Review comment"
        className="h-7 w-64 rounded-md border border-slate-300 px-2 text-xs"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <Button
        size="sm"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await review(comment);
            if (!r.ok) return setError(r.error);
            router.refresh();
          })
        }
      >
        Mark reviewed
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-rose-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}
