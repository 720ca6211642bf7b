'use client';

// Calls a server action and keeps its pending state and refusal.
import { useState, useTransition } from 'react';
import type { TActionResult, TFailure } from '@/lib/errors';

export function useCommand<I, T>(action: (input: I) => Promise<TActionResult<T>>) {
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<TFailure | null>(null);
  const [data, setData] = useState<T | null>(null);
  const run = (input: I, onOk?: (data: T) => void) =>
    startTransition(async () => {
      setFailure(null);
      try {
        const result = await action(input);
        if (result.ok) {
          setData(result.data);
          onOk?.(result.data);
        } else setFailure(result);
      } catch {
        setFailure({
          ok: false,
          code: 'error',
          error: 'The server could not be reached; try again.',
        });
      }
    });
  const reset = () => {
    setFailure(null);
    setData(null);
  };
  return { run, pending, failure, data, reset };
}
