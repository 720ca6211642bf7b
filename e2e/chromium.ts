import { existsSync } from 'node:fs';

// Debian's chromium: Playwright's own browser download is not reachable from our machines.
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

const HOW_TO = [
  "Install Debian's chromium:  apt-get update && apt-get install -y chromium",
  'or point HELMDECK_CHROMIUM at a Chromium binary. The browser journeys are never skipped.',
].join('\n');

/** The Chromium the journeys run in; fails loudly (never skips) when there is none. */
export function chromiumPath(): string {
  const override = process.env.HELMDECK_CHROMIUM;
  if (override) {
    if (existsSync(override)) return override;
    throw new Error(`e2e: HELMDECK_CHROMIUM=${override} does not exist.\n${HOW_TO}`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(`e2e: no Chromium found (looked at ${CANDIDATES.join(', ')}).\n${HOW_TO}`);
}
