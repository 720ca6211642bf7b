// What the gate would say about deploying the ticket now: each rule, passed
// or what is missing, and when the time-based rules next pass.
import type { TGateResult } from '@/lib/tickets/gate';

const LABELS: Record<string, string> = {
  'ticket-required': 'Change ticket',
  approved: 'Approved',
  'approvals-count': 'Approvals',
  'not-expired': 'Approvals still valid',
  'content-matches': 'Exactly the approved change',
  'in-maintenance-window': 'Maintenance window',
  'no-freeze': 'No freeze window',
};

export function GateChecklist({ gate, zone }: { gate: TGateResult; zone: string }) {
  return (
    <div className="px-4 py-3">
      <ul aria-label="Gate checklist" className="space-y-1.5 text-sm">
        {gate.checklist.map((c) => (
          <li key={c.check} data-check={c.check} data-ok={c.ok} className="flex gap-2">
            <span aria-hidden className={c.ok ? 'text-emerald-600' : 'text-rose-600'}>
              {c.ok ? '✓' : '✗'}
            </span>
            <span>
              <span className="block font-medium text-slate-900">{LABELS[c.check] ?? c.check}</span>
              <span className={c.ok ? 'text-slate-600' : 'text-rose-700'}>{c.detail}</span>
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-3 text-sm font-medium" data-testid="gate-verdict">
        {gate.allowed ? (
          <span className="text-emerald-700">The gate allows deploying this ticket now.</span>
        ) : (
          <span className="text-rose-700">
            Deploying is blocked.
            {gate.opensAt
              ? ` The window opens ${gate.opensAt.toLocaleString('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' })} (${zone}).`
              : ''}
          </span>
        )}
      </p>
    </div>
  );
}
