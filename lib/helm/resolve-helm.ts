// Which helm binary Helmdeck runs: HELM_BIN, else helm on PATH, else the
// bundled helm 4. Its version decides the flags (see args.ts).
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { env } from '@/lib/env';
import { bundledToolPath } from './bundled-tools';
import { HelmBinaryError } from './errors';

const execFileAsync = promisify(execFile);

export const MIN_HELM_VERSION = { major: 3, minor: 14 } as const;

export type THelmSource = 'HELM_BIN' | 'PATH' | 'bundled' | 'explicit';

export type THelmBinary = {
  path: string;
  /** As helm prints it, e.g. "v4.1.4". */
  version: string;
  major: number;
  minor: number;
  source: THelmSource;
};

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first executable `helm` in a PATH string. */
export function findOnPath(name: string, pathEnv: string): string | undefined {
  for (const dir of pathEnv.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function parseHelmVersion(
  text: string,
): { major: number; minor: number; patch: number } | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

const FIX =
  'set HELM_BIN to helm 3.14+ or helm 4, or unset it and remove the old helm from PATH to use the bundled helm 4';

/** Runs `helm version` on a binary and checks it is new enough. */
export async function inspectHelm(
  file: string,
  source: THelmSource = 'explicit',
): Promise<THelmBinary> {
  const origin =
    source === 'HELM_BIN'
      ? `HELM_BIN=${file}`
      : source === 'PATH'
        ? `helm on PATH (${file})`
        : file;
  if (!isExecutable(file))
    throw new HelmBinaryError(`${origin} does not exist or is not executable; ${FIX}`);
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(file, ['version', '--template={{.Version}}'], {
      timeout: 30_000,
    }));
  } catch {
    throw new HelmBinaryError(
      `${origin} did not answer "helm version"; is it a helm binary? ${FIX}`,
    );
  }
  const v = parseHelmVersion(stdout);
  if (!v)
    throw new HelmBinaryError(
      `${origin} printed an unknown version "${stdout.trim().slice(0, 40)}"; ${FIX}`,
    );
  if (
    v.major < MIN_HELM_VERSION.major ||
    (v.major === MIN_HELM_VERSION.major && v.minor < MIN_HELM_VERSION.minor)
  ) {
    throw new HelmBinaryError(
      `${origin} is ${stdout.trim()}, older than helm 3.14 which Helmdeck needs; ${FIX}`,
    );
  }
  return { path: file, version: stdout.trim(), major: v.major, minor: v.minor, source };
}

/** Where the helm to use comes from, without running it. */
export function pickHelm(input: { helmBin?: string; pathEnv: string }): {
  path: string;
  source: THelmSource;
} {
  if (input.helmBin) return { path: path.resolve(input.helmBin), source: 'HELM_BIN' };
  const onPath = findOnPath('helm', input.pathEnv);
  if (onPath) return { path: onPath, source: 'PATH' };
  return { path: bundledToolPath('helm'), source: 'bundled' };
}

let resolved: Promise<THelmBinary> | undefined;

/** The helm Helmdeck runs, resolved and version-checked once per process. */
export function resolveHelm(): Promise<THelmBinary> {
  if (!resolved) {
    const { path: file, source } = pickHelm({ helmBin: env().HELM_BIN, pathEnv: env().PATH });
    resolved = inspectHelm(file, source);
    resolved.catch(() => (resolved = undefined));
  }
  return resolved;
}
