'use client';

// Whether the viewport is narrower than the layout's large breakpoint (1024 px).
import { useSyncExternalStore } from 'react';

const QUERY = '(max-width: 1023.98px)';

function subscribe(onChange: () => void): () => void {
  const mql = window.matchMedia(QUERY);
  mql.addEventListener('change', onChange);
  return () => mql.removeEventListener('change', onChange);
}

/** True below 1024 px; false while rendering on the server (the wide layout first). */
export function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
}
