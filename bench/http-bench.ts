// What the benchmarks that time one action through HTTP against helm by hand
// share (bench:rollback, bench:promotion): the build check, waiting for
// `next start`, medians and the samples lines.
import { BUILD_ID, hasBuild, type TBenchServer } from './overview-server';

export const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ends the process with the fix when there is no production build to start. */
export function requireBuild(bench: string): void {
  if (hasBuild()) return;
  console.error(`${bench}: no Next build (${BUILD_ID} missing). Run \`npm run build\` first.`);
  process.exit(1);
}

/** Resolves once `next start` answers /api/health; throws with its output if it dies or takes 3 min. */
export async function waitUntilUp(server: TBenchServer): Promise<void> {
  const until = Date.now() + 180_000;
  while (!(await fetch(`${server.url}/api/health`).catch(() => null))?.ok) {
    if (server.exited() || Date.now() > until)
      throw new Error(`next start did not come up:\n${server.tail.join('\n')}`);
    await sleep(200);
  }
}

/**
 * Prints both sides' samples, the line splitting Helmdeck's time, then the
 * closing line `<name>: helmdeck_ms=… helm_ms=… ratio=…` (medians).
 */
export function printComparison(
  name: string,
  samples: { helmdeckMs: number[]; helmMs: number[] },
  split: string,
): void {
  const h = median(samples.helmdeckMs);
  const d = median(samples.helmMs);
  console.log(`helmdeck samples: ${samples.helmdeckMs.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(`helm samples:     ${samples.helmMs.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(split);
  console.log(
    `${name}: helmdeck_ms=${h.toFixed(0)} helm_ms=${d.toFixed(0)} ratio=${(h / d).toFixed(2)}`,
  );
}
