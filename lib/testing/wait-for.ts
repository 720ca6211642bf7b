// Waiting in tests: poll a probe until it answers, or fail naming what was
// awaited (and the probe's last error). Tests wait on conditions, never on
// a fixed sleep, and never assert how long it took.

export type TWaitOptions = { timeoutMs?: number; intervalMs?: number };

/**
 * Polls `probe` until it returns a value (anything but undefined, null or
 * false). A probe that throws is tried again; its last error is in the timeout's message.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: TWaitOptions | number = {},
): Promise<T> {
  const { timeoutMs = 180_000, intervalMs = 100 } =
    typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
