'use client';

// helm's output as it arrives; stderr is where helm reports progress for JSON commands.
import { useEffect, useRef } from 'react';
import type { TLogLine } from '@/lib/operations/read-operations';
import { cn } from '@/components/ui/cn';

const STREAM_CLASS: Record<string, string> = {
  info: 'text-sky-300',
  'helm-stderr': 'text-amber-200',
  'helm-stdout': 'text-slate-100',
};

export function OperationLog({ lines, follow }: { lines: TLogLine[]; follow: boolean }) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (follow) end.current?.scrollIntoView({ block: 'nearest' });
  }, [lines.length, follow]);
  return (
    <div
      className="max-h-[28rem] overflow-auto bg-slate-950 px-4 py-3 font-mono text-xs leading-5"
      data-testid="operation-log"
    >
      {lines.length === 0 ? <p className="text-slate-500">Waiting for a worker…</p> : null}
      {lines.map((l) => (
        <div
          key={l.id}
          className={cn('whitespace-pre-wrap', STREAM_CLASS[l.stream] ?? 'text-slate-200')}
        >
          <span className="mr-3 text-slate-600 select-none">{l.at.slice(11, 19)}</span>
          {l.line}
        </div>
      ))}
      <div ref={end} />
    </div>
  );
}
