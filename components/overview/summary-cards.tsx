import { cn } from '@/components/ui/cn';

export interface TSummaryCard {
  label: string;
  value: string;
  hint?: string;
  tone?: 'ok' | 'fail' | 'neutral';
}

const TONE = { ok: 'text-emerald-700', fail: 'text-rose-700', neutral: 'text-slate-900' } as const;

export function SummaryCards({ cards }: { cards: TSummaryCard[] }) {
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
      {cards.map((card) => (
        <div
          key={card.label}
          className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs"
        >
          <dt className="text-xs font-medium text-slate-500">{card.label}</dt>
          <dd
            className={cn('mt-1 text-2xl font-semibold tabular-nums', TONE[card.tone ?? 'neutral'])}
          >
            {card.value}
          </dd>
          {card.hint ? (
            <dd className="mt-0.5 truncate text-xs text-slate-500">{card.hint}</dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}
