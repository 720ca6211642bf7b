// The limits every values document is held to, wherever it comes from (a
// dialog, a ticket, a promotion's layers) and wherever it goes (helm's values
// file, a digest): a size, a nesting depth and a number of YAML aliases.

export const MAX_VALUES_BYTES = 5 * 1024 * 1024;
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
