// Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>", so a receiver
// can check both who sent the body and that it is not an old one replayed.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-helmdeck-signature';
export const TIMESTAMP_HEADER = 'x-helmdeck-timestamp';
export const EVENT_HEADER = 'x-helmdeck-event';
export const DELIVERY_HEADER = 'x-helmdeck-delivery';

/** `sha256=<hex>` for the body sent at `timestamp` (unix seconds). */
export function signBody(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `sha256=${mac}`;
}

export type TVerifyResult = { ok: true } | { ok: false; reason: string };

/**
 * What a receiver does: recompute the signature over the raw body and refuse
 * timestamps more than `toleranceSeconds` away from its own clock.
 */
export function verifySignature(
  secret: string,
  headers: { signature?: string | null; timestamp?: string | null },
  body: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): TVerifyResult {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp)
    return { ok: false, reason: 'missing signature or timestamp header' };
  const ts = Number(timestamp);
  if (!Number.isInteger(ts)) return { ok: false, reason: 'malformed timestamp' };
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - ts) > (options.toleranceSeconds ?? 300))
    return { ok: false, reason: 'timestamp too old or in the future' };
  const expected = Buffer.from(signBody(secret, ts, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'signature does not match' };
  }
  return { ok: true };
}
