'use client';

import { useState, useSyncExternalStore } from 'react';
import { cn } from '@/components/ui/cn';
import { readThemeChoice, saveThemeChoice, type TThemeChoice } from './theme';

const CHOICES: Array<{ value: TThemeChoice; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const noSubscribe = () => () => {};

/** Three pressed-or-not buttons; the choice is remembered in this browser. */
export function ThemeToggle() {
  // The stored choice is only known in the browser; the server renders "System".
  const stored = useSyncExternalStore(noSubscribe, readThemeChoice, () => 'system' as const);
  const [picked, setPicked] = useState<TThemeChoice | null>(null);
  const choice = picked ?? stored;
  return (
    <div role="group" aria-label="Theme" className="flex rounded-md border border-shell-line p-0.5">
      {CHOICES.map((c) => (
        <button
          key={c.value}
          type="button"
          aria-pressed={choice === c.value}
          onClick={() => {
            saveThemeChoice(c.value);
            setPicked(c.value);
          }}
          className={cn(
            'flex-1 rounded px-1.5 py-0.5 text-[11px] font-medium focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-shell-focus',
            choice === c.value
              ? 'bg-shell-raised text-shell-fg'
              : 'text-shell-muted hover:text-shell-fg',
          )}
        >
          {c.label}
        </button>
      ))}
    </div>
  );
}
