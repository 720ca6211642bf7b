// Starts every controller of one sandbox cluster against its store.
import type { Store } from '../store';

export function startControllers(_store: Store): { stop(): void } {
  return { stop() {} };
}
