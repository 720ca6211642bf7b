'use client';

// Runs the audit chain verification on demand and shows its verdict.
import { useState, useTransition } from 'react';
import type { TActionResult } from '@/app/_lib/run-action';
import { Button } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import type { TAuditChainResult } from '@/lib/audit';

export function VerifyChainButton({
  verify,
}: {
  verify: () => Promise<TActionResult<TAuditChainResult>>;
}) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<TActionResult<TAuditChainResult> | null>(null);
  return (
    <div className="flex items-center gap-2" data-testid="chain-verification">
      {result ? (
        result.ok ? (
          result.data.ok ? (
            <StatusBadge tone="ok">chain intact: {result.data.count} records verified</StatusBadge>
          ) : (
            <StatusBadge tone="fail">
              broken at record #{result.data.firstBrokenSeq}: {result.data.reason}
            </StatusBadge>
          )
        ) : (
          <span role="alert" className="text-xs text-rose-700">
            {result.error}
          </span>
        )
      ) : null}
      <Button
        variant="secondary"
        size="sm"
        disabled={pending}
        onClick={() => start(async () => setResult(await verify()))}
      >
        {pending ? 'Verifying…' : 'Verify chain'}
      </Button>
    </div>
  );
}
