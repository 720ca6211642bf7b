// Values reach helm only through a private temp file: never on the command
// line (visible in `ps` and in shell history) and never left behind.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { depthOf, MAX_VALUES_DEPTH, MAX_VALUES_FILE_BYTES } from '@/lib/values/limits';
import { HelmInputError } from './errors';

/** Serialises values after checking they are a mapping of sane size and depth. */
export function serialiseValues(values: unknown): string {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new HelmInputError('values must be a mapping of keys to values');
  }
  if (depthOf(values, MAX_VALUES_DEPTH) > MAX_VALUES_DEPTH) {
    throw new HelmInputError(`values are nested deeper than ${MAX_VALUES_DEPTH} levels`);
  }
  // JSON is valid YAML and needs no YAML library quirks (norway problem, anchors).
  const text = JSON.stringify(values);
  if (Buffer.byteLength(text) > MAX_VALUES_FILE_BYTES) {
    throw new HelmInputError(`values are larger than ${MAX_VALUES_FILE_BYTES / 1024 / 1024} MB`);
  }
  return text;
}

/** Runs `use` with the path of a 0600 file holding the values; removes it afterwards, also on failure. */
export async function withValuesFile<T>(
  values: unknown,
  use: (file: string) => Promise<T>,
): Promise<T> {
  const text = serialiseValues(values);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'helmdeck-values-'));
  try {
    const file = path.join(dir, 'values.json');
    await writeFile(file, text, { mode: 0o600, flag: 'wx' });
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
