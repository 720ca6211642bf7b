'use client';

// The post-deploy verification of an install, upgrade, rollback or recovery:
// each check with its verdict, reason and timing. It runs after the operation
// finished, so the page refreshes itself until the checks are recorded.
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { Panel } from '@/components/ui/panel';
import { StatusBadge, type TStatusTone } from '@/components/ui/status-badge';
import type { TOperationVerification } from '@/lib/promotions/verify-operation';

const VERDICT: Record<string, TStatusTone> = { pass: 'ok', warn: 'warn', fail: 'fail' };
const REFRESH_MS = 2_000;

export function OperationVerification({ verification }: { verification: TOperationVerification }) {
  const router = useRouter();
  const pending = verification.state === 'pending';
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [pending, router]);
  if (verification.state === 'not_applicable') return null;
  return (
    <Panel
      title="Post-deploy verification"
      aside={
        <span data-testid="verification-state">
          {verification.state === 'passed' ? (
            <StatusBadge tone="ok">passed</StatusBadge>
          ) : verification.state === 'failed' ? (
            <StatusBadge tone="fail">failed</StatusBadge>
          ) : verification.state === 'pending' ? (
            'running…'
          ) : (
            'not recorded'
          )}
        </span>
      }
    >
      {verification.checks.length > 0 ? (
        <ul className="space-y-1 px-4 py-3" aria-label="Verification checks">
          {verification.checks.map((c) => (
            <li
              key={c.name}
              className="flex items-start gap-2 text-xs"
              data-check={c.name}
              data-verdict={c.verdict}
            >
              <StatusBadge tone={VERDICT[c.verdict] ?? 'neutral'}>{c.verdict}</StatusBadge>
              <span className="font-medium text-slate-800">{c.label}</span>
              <span className="text-slate-600">{c.reason}</span>
              <span className="ml-auto text-slate-400">{c.durationMs} ms</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="px-4 py-3 text-xs text-slate-500">
          {verification.state === 'pending'
            ? 'Pods, helm test, endpoints, the health endpoint and the smoke checks are being checked.'
            : 'No verification was recorded for this operation.'}
        </p>
      )}
    </Panel>
  );
}
