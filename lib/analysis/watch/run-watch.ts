// Runs every applicable check for the watch period, every interval, and
// stops at the first failing finding. A check that throws is a warning,
// never a rollback: only evidence rolls a cluster back.
import type { CoreV1Api } from '@kubernetes/client-node';
import { watchChecks } from './registry';
import type { TWatchCheck, TWatchFinding, TWatchResult, TWatchTarget } from './types';

export type TRunWatchOptions = {
  watchForMs: number;
  intervalMs?: number;
  core: CoreV1Api;
  signal?: AbortSignal;
  /** Every finding as it comes (live progress, the promotion's check rows). */
  onFinding?: (finding: TWatchFinding) => void | Promise<void>;
  /** Defaults to the registered checks. */
  checks?: TWatchCheck[];
  now?: () => Date;
};

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

export async function runWatch(target: TWatchTarget, o: TRunWatchOptions): Promise<TWatchResult> {
  const signal = o.signal ?? new AbortController().signal;
  const now = o.now ?? (() => new Date());
  const interval = o.intervalMs ?? 1000;
  const checks = (o.checks ?? watchChecks()).filter((c) => c.appliesTo(target));
  const latest = new Map<string, TWatchFinding>();
  const note = async (f: TWatchFinding) => {
    const before = latest.get(f.check);
    latest.set(f.check, f);
    if (!before || before.verdict !== f.verdict || before.reason !== f.reason)
      await o.onFinding?.(f);
  };
  const probes = await Promise.all(
    checks.map(async (c) => ({
      name: c.name,
      probe: await c.start(target, { core: o.core, signal, now }),
    })),
  );
  const until = Date.now() + o.watchForMs;
  try {
    for (;;) {
      for (const { name, probe } of probes) {
        let found: TWatchFinding[];
        try {
          found = await probe.tick();
        } catch (e) {
          found = [
            {
              check: name,
              verdict: 'warn',
              reason: `${name} could not look: ${(e as Error).message}`,
            },
          ];
        }
        for (const f of found) {
          await note(f);
          if (f.verdict === 'fail')
            return { outcome: 'triggered', trigger: f, findings: [...latest.values()] };
        }
      }
      if (signal.aborted) return { outcome: 'aborted', findings: [...latest.values()] };
      if (Date.now() >= until) return { outcome: 'passed', findings: [...latest.values()] };
      await sleep(Math.min(interval, Math.max(0, until - Date.now())), signal);
    }
  } finally {
    await Promise.all(probes.map((p) => p.probe.stop?.().catch(() => {})));
  }
}
