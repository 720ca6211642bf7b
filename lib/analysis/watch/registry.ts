// The checks a post-deploy watch runs. Each source of findings registers
// itself once (pod triggers here, metric analysis in its own module).
import type { TWatchCheck } from './types';

const checks = new Map<string, TWatchCheck>();

export function registerWatchCheck(check: TWatchCheck): void {
  checks.set(check.name, check);
}

export function watchChecks(): TWatchCheck[] {
  return [...checks.values()];
}
