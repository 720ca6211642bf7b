import { existsSync } from 'node:fs';

// Debian's chromium: Playwright's own browser download is not reachable from our machines.
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The Chromium the journeys run in; fails loudly (never skips) when there is none. */
export function chromiumPath(): string {
  const override = process.env.HELMDECK_CHROMIUM;
  const found = [override, ...CANDIDATES].find(
    (p): p is string => Boolean(p) && existsSync(p as string),
  );
  if (found) return found;
  throw new Error(
    [
      'e2e: no Chromium found (looked at ' +
        [override, ...CANDIDATES].filter(Boolean).join(', ') +
        ').',
      "Install Debian's chromium:  sudo apt-get update && sudo apt-get install -y chromium",
      'or point HELMDECK_CHROMIUM at a Chromium binary. The browser journeys are never skipped.',
    ].join('\n'),
  );
}
