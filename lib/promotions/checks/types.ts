// One item of a checklist (pre-deploy or post-deploy): pass, warn or fail
// with the reason, and how long it took. A failing blocking item stops the
// step before helm runs (pre-deploy) or rolls the cluster back (post-deploy).
export type TCheckVerdict = 'pass' | 'warn' | 'fail';

export type TCheckItem = {
  /** Stable id, e.g. lint, template, schema, namespace, references, quota, networkPolicy. */
  name: string;
  label: string;
  verdict: TCheckVerdict;
  reason: string;
  /** A fail of this item stops the step. */
  blocking: boolean;
  durationMs: number;
};

export function blockingFailures(items: readonly TCheckItem[]): TCheckItem[] {
  return items.filter((i) => i.blocking && i.verdict === 'fail');
}

/** Times one check; an unexpected error becomes a failing item naming the check, never a crash. */
export async function timed(
  name: string,
  label: string,
  blocking: boolean,
  run: () => Promise<Pick<TCheckItem, 'verdict' | 'reason'> & { blocking?: boolean }>,
): Promise<TCheckItem> {
  const started = performance.now();
  let result: Pick<TCheckItem, 'verdict' | 'reason'> & { blocking?: boolean };
  try {
    result = await run();
  } catch (e) {
    result = { verdict: 'fail', reason: `could not be checked: ${describe(e)}` };
  }
  return {
    name,
    label,
    blocking: result.blocking ?? blocking,
    verdict: result.verdict,
    reason: result.reason,
    durationMs: Math.round(performance.now() - started),
  };
}

function describe(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'number') return `the cluster answered HTTP ${code}`;
  if (e instanceof Error && /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|socket hang up/.test(e.message))
    return 'the cluster cannot be reached';
  return e instanceof Error ? e.message.split('\n')[0]!.slice(0, 200) : 'unknown error';
}
