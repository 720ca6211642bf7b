// Delivery strategies by name; an environment's strategy config picks one.
import { blueGreen } from './blue-green';
import { canary } from './canary';
import { standard } from './standard';
import type { TDeliveryStrategy } from './types';

const strategies = new Map<string, TDeliveryStrategy>(
  [standard, blueGreen, canary].map((s) => [s.name, s]),
);

export function registerDeliveryStrategy(s: TDeliveryStrategy): void {
  strategies.set(s.name, s);
}

/** The strategy of that name; standard when none is registered under it. */
export function deliveryStrategy(name: string | undefined): TDeliveryStrategy {
  return strategies.get(name ?? 'standard') ?? standard;
}

/** Whether a strategy of that name can deliver a promotion step. */
export function hasDeliveryStrategy(name: string): boolean {
  return strategies.has(name);
}
