// Values layers a strategy adds on top of the environment's values files:
// a colour's or canary's own values, and feature flags. Merged the way helm
// merges -f files (maps merge key by key, anything else replaces).
type TValues = Record<string, unknown>;

const isMap = (v: unknown): v is TValues =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` merged onto `base`, neither changed. */
export function mergeValues(base: TValues, over: TValues): TValues {
  const out: TValues = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isMap(b) && isMap(v) ? mergeValues(b, v) : v;
  }
  return out;
}

/** Every string in `values` with `{colour}` replaced. */
export function fillColour(values: TValues, colour: string): TValues {
  const fill = (v: unknown): unknown =>
    typeof v === 'string'
      ? v.replaceAll('{colour}', colour)
      : Array.isArray(v)
        ? v.map(fill)
        : isMap(v)
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]))
          : v;
  return fill(values) as TValues;
}

/** The value at a dotted path ("config.FEATURE_SIGNUP"), or undefined. */
export function valueAt(values: TValues, path: string): unknown {
  let node: unknown = values;
  for (const key of path.split('.')) {
    if (!isMap(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** A copy of `values` with `value` at the dotted path (maps created on the way). */
export function withValueAt(values: TValues, path: string, value: unknown): TValues {
  const [key, ...rest] = path.split('.');
  if (key === undefined) return values;
  if (rest.length === 0) return { ...values, [key]: value };
  const child = isMap(values[key]) ? (values[key] as TValues) : {};
  return { ...values, [key]: withValueAt(child, rest.join('.'), value) };
}
