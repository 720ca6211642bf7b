// helm package and helm pull: the two commands that turn a chart source into
// an archive (.tgz) Helmdeck can digest, cache and deploy exactly.
import { classifyHelmFailure, HelmInputError } from './errors';
import { resolveHelm, type THelmBinary } from './resolve-helm';
import { runHelm } from './run-helm';

const TIMEOUT_MS = 120_000;
const VERSION = /^[\w.+-]{1,128}$/;

function assertPath(what: string, value: string): void {
  if (value === '' || value.startsWith('-') || /[\0\n\r]/.test(value))
    throw new HelmInputError(`${what} "${value.slice(0, 60)}" is not valid`);
}

export type TPackageArgs = {
  chartDir: string;
  destination: string;
  /** Overrides Chart.yaml's version / appVersion (building a repository of versions). */
  version?: string;
  appVersion?: string;
};

export function packageArgs(a: TPackageArgs): string[] {
  assertPath('chart directory', a.chartDir);
  assertPath('destination', a.destination);
  const flags = [`--destination=${a.destination}`];
  for (const [flag, value] of [
    ['version', a.version],
    ['app-version', a.appVersion],
  ] as const) {
    if (value === undefined) continue;
    if (!VERSION.test(value))
      throw new HelmInputError(`${flag} "${value.slice(0, 40)}" is not a version`);
    flags.push(`--${flag}=${value}`);
  }
  return ['package', ...flags, '--', a.chartDir];
}

/** helm repo index: writes index.yaml for the archives in `dir`. */
export function repoIndexArgs(a: { dir: string; url?: string }): string[] {
  assertPath('repository directory', a.dir);
  const flags = a.url ? [`--url=${a.url}`] : [];
  return ['repo', 'index', ...flags, '--', a.dir];
}

export function pullArgs(a: {
  ref: string;
  version: string;
  destination: string;
  plainHttp?: boolean;
}): string[] {
  if (!a.ref.startsWith('oci://') || /[\0\n\r\s]/.test(a.ref))
    throw new HelmInputError(`"${a.ref.slice(0, 60)}" is not an oci:// chart reference`);
  if (!VERSION.test(a.version))
    throw new HelmInputError(`chart version "${a.version.slice(0, 40)}" is not a version`);
  assertPath('destination', a.destination);
  const flags = [`--version=${a.version}`, `--destination=${a.destination}`];
  if (a.plainHttp) flags.push('--plain-http');
  return ['pull', ...flags, '--', a.ref];
}

/** Packages a chart directory; returns the archive's path. */
export async function helmPackage(a: TPackageArgs, helm?: THelmBinary): Promise<string> {
  const bin = helm ?? (await resolveHelm());
  const r = await runHelm(packageArgs(a), { helm: bin, timeoutMs: TIMEOUT_MS });
  if (r.exitCode !== 0)
    throw classifyHelmFailure({ command: 'package', chart: a.chartDir }, r.stderr, r.exitCode);
  const file = /saved it to: (.+\.tgz)\s*$/m.exec(r.stdout)?.[1];
  if (!file) throw new HelmInputError('helm package did not say where it saved the archive');
  return file.trim();
}

/** Pulls an OCI chart; returns the manifest digest helm reports ("sha256:..."). */
export async function helmPull(
  a: { ref: string; version: string; destination: string; plainHttp?: boolean },
  helm?: THelmBinary,
): Promise<{ manifestDigest: string }> {
  const bin = helm ?? (await resolveHelm());
  const r = await runHelm(pullArgs(a), { helm: bin, timeoutMs: TIMEOUT_MS });
  if (r.exitCode !== 0)
    throw classifyHelmFailure({ command: 'pull', chart: a.ref }, r.stderr, r.exitCode);
  const digest = /^Digest:\s*(sha256:[0-9a-f]{64})\s*$/m.exec(`${r.stdout}\n${r.stderr}`)?.[1];
  if (!digest) throw new HelmInputError(`helm pull of ${a.ref} printed no manifest digest`);
  return { manifestDigest: digest };
}

/** Writes index.yaml for a folder of chart archives. */
export async function helmRepoIndex(
  a: { dir: string; url?: string },
  helm?: THelmBinary,
): Promise<void> {
  const bin = helm ?? (await resolveHelm());
  const r = await runHelm(repoIndexArgs(a), { helm: bin, timeoutMs: TIMEOUT_MS });
  if (r.exitCode !== 0) throw classifyHelmFailure({ command: 'repo index' }, r.stderr, r.exitCode);
}
