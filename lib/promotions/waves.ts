// Production in waves: the environment's `waves`, or one cluster per wave in
// the listed order.
import type { TEnvironment } from '@/lib/config';

export function planWaves(environment: Pick<TEnvironment, 'clusters' | 'waves'>): string[][] {
  if (environment.waves && environment.waves.length > 0)
    return environment.waves.map((w) => [...w]);
  return environment.clusters.map((c) => [c.name]);
}
