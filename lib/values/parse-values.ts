// Values as a person types them: YAML text, parsed with the limits (size,
// nesting, aliases) and errors that say where the problem is.
import { LineCounter, parseDocument } from 'yaml';
import { AppError } from '@/lib/errors/app-error';
import { depthOf, MAX_VALUES_ALIASES, MAX_VALUES_DEPTH, valuesSizeProblem } from './limits';

export type TValues = Record<string, unknown>;

export type TValuesResult = { ok: true; values: TValues } | { ok: false; problem: string };

/** Parses values YAML; an empty text means no values. `problem` reads "values: <rule>". */
export function parseValuesYaml(text: string): TValuesResult {
  const tooLarge = valuesSizeProblem(text);
  if (tooLarge) return { ok: false, problem: tooLarge };
  if (text.trim() === '') return { ok: true, values: {} };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    const first = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return {
      ok: false,
      problem: `values: YAML ${pos ? `line ${pos.line}, column ${pos.col}` : ''}: ${first}`.replace(
        ' :',
        ':',
      ),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_VALUES_ALIASES });
  } catch (e) {
    return {
      ok: false,
      problem: `values: ${e instanceof Error ? e.message.split('\n')[0] : 'cannot be read'}`,
    };
  }
  if (data === null || data === undefined) return { ok: true, values: {} };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      problem: 'values: must be a mapping of keys to values (got a list or a single value)',
    };
  }
  if (depthOf(data, MAX_VALUES_DEPTH) > MAX_VALUES_DEPTH) {
    return { ok: false, problem: `values: nested deeper than ${MAX_VALUES_DEPTH} levels` };
  }
  return { ok: true, values: data as TValues };
}

/** The values of text already accepted once (a stored ticket); a problem is an `invalid` AppError. */
export function valuesFromYaml(text: string): TValues {
  const r = parseValuesYaml(text);
  if (!r.ok) throw new AppError('invalid', r.problem);
  return r.values;
}
