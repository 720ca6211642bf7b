// Small zod building blocks shared by the helmdeck.yaml schema.
import { z } from 'zod';

/** Kubernetes DNS-1123 label: namespaces, environment and cluster names. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const ZDnsLabel = z
  .string()
  .max(63, 'at most 63 characters')
  .regex(
    DNS_LABEL,
    'lowercase letters, digits and "-", starting and ending with a letter or digit',
  );

/**
 * helm's release-name rule, narrowed to what Kubernetes object names built
 * from it accept: lowercase alphanumerics and '-', at most 53 characters.
 * A leading '-' would let a name pass as a helm flag, so it is refused here
 * before any command line is built.
 */
export const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const RELEASE_NAME_MAX = 53;

export const ZReleaseName = z
  .string()
  .min(1, 'required')
  .max(RELEASE_NAME_MAX, `at most ${RELEASE_NAME_MAX} characters (helm's limit)`)
  .regex(
    RELEASE_NAME,
    'lowercase letters, digits and "-", starting and ending with a letter or digit',
  );

/** True when the IANA time zone is known to this runtime's Intl data. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ZTimeZone = z.string().min(1, 'required').refine(isTimeZone, {
  message: 'unknown IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)',
});

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Go-style duration as helm's --timeout takes it ("5m", "1h30m", "90s") in milliseconds, or undefined. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === '') return undefined;
  const [, h = '0', min = '0', s = '0'] = m;
  return ((Number(h) * 60 + Number(min)) * 60 + Number(s)) * 1000;
}

const MAX_TIMEOUT_MS = 6 * 60 * 60 * 1000;

export const ZDuration = z.string().superRefine((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined)
    ctx.addIssue({ code: 'custom', message: 'a duration such as 90s, 5m or 1h30m' });
  else if (ms < 1000) ctx.addIssue({ code: 'custom', message: 'at least 1s' });
  else if (ms > MAX_TIMEOUT_MS) ctx.addIssue({ code: 'custom', message: 'at most 6h' });
});
