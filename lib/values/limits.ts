// The limits every values document is held to, wherever it comes from (a
// dialog, a ticket, a promotion's layers) and wherever it goes (helm's values
// file, a digest): a size, a nesting depth and a number of YAML aliases.
import { gzipSync } from 'node:zlib';

/**
 * Helm keeps each release (chart, values and rendered manifest) in one
 * Kubernetes Secret, which holds at most 1 MiB: values that cannot fit are
 * refused before anything runs, instead of failing at apply and leaving the
 * release failed.
 */
export const RELEASE_SECRET_BYTES = 1024 * 1024;
/** Values text: at most what the release's Secret holds at all. */
export const MAX_VALUES_BYTES = RELEASE_SECRET_BYTES;
/** Values as Helm stores them (gzip, then base64): at most half the Secret, the rest is chart and manifest. */
export const MAX_STORED_VALUES_BYTES = RELEASE_SECRET_BYTES / 2;
/** The values file handed to helm (JSON, after layers are merged): a backstop far above the documents' limit. */
export const MAX_VALUES_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_VALUES_DEPTH = 32;
/** Alias expansions allowed in one document: stops "billion laughs" from filling memory. */
export const MAX_VALUES_ALIASES = 100;

/** Nesting depth of a values tree, counted no further than just past `limit`. */
export function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || typeof value !== 'object' || value === null) return depth;
  let max = depth;
  for (const child of Object.values(value)) {
    max = Math.max(max, depthOf(child, limit, depth + 1));
    if (max > limit) break;
  }
  return max;
}

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;

/** Why values text cannot fit one Helm release, or null when it can. Starts "values: ". */
export function valuesSizeProblem(text: string): string | null {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_VALUES_BYTES)
    return `values: ${size(bytes)} is more than one Helm release can hold; the limit is ${size(MAX_VALUES_BYTES)} (Helm keeps each release in one Kubernetes Secret of at most ${size(RELEASE_SECRET_BYTES)})`;
  // Base64 of gzip, as Helm stores a release; only computed when the text could be near the limit.
  if (bytes > MAX_STORED_VALUES_BYTES / 2) {
    const stored = Math.ceil(gzipSync(text).length / 3) * 4;
    if (stored > MAX_STORED_VALUES_BYTES)
      return `values: ${size(stored)} once compressed as Helm stores them; the limit is ${size(MAX_STORED_VALUES_BYTES)}, half of the ${size(RELEASE_SECRET_BYTES)} Kubernetes Secret that holds the release`;
  }
  return null;
}
