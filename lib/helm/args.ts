// Typed builders for helm command lines. Every value travels as --flag=value
// and every positional sits after `--`, so no name or path can be read as a
// flag. The only helm 3 / helm 4 differences live here.
import { RELEASE_NAME, RELEASE_NAME_MAX } from '@/lib/config/primitives';
import { HelmInputError } from './errors';

/** What the builders need to know of the binary. */
export type THelmCaps = { major: number };

/** none: no waiting; watcher: helm 4's kstatus watcher (helm 3: --wait); legacy: helm 3 style polling. */
export type TWaitMode = 'none' | 'watcher' | 'legacy';

export function assertReleaseName(name: string): void {
  if (typeof name !== 'string' || name.length === 0)
    throw new HelmInputError('release name is required');
  if (name.startsWith('-'))
    throw new HelmInputError(`release name "${name.slice(0, 60)}" must not start with "-"`);
  if (name.length > RELEASE_NAME_MAX)
    throw new HelmInputError(`release name is longer than ${RELEASE_NAME_MAX} characters`);
  if (!RELEASE_NAME.test(name)) {
    throw new HelmInputError(
      `release name "${name}" must be lowercase letters, digits and "-", starting and ending with a letter or digit`,
    );
  }
}

function assertChart(chart: string): void {
  if (typeof chart !== 'string' || chart.trim() === '')
    throw new HelmInputError('chart is required');
  if (chart.startsWith('-') || /[\0\n\r]/.test(chart))
    throw new HelmInputError(`chart reference "${chart.slice(0, 60)}" is not valid`);
}

function assertText(what: string, value: string, max: number): void {
  if (value === '' || value.length > max || /[\0\n\r]/.test(value)) {
    throw new HelmInputError(`${what} must be one line of at most ${max} characters`);
  }
}

/** Who helm acts as on a cluster with `impersonate: true`. */
export type THelmIdentity = { user: string; groups: readonly string[] };

/** --kube-as-user / --kube-as-group (helm 3 and 4 spell them the same); none without an identity. */
export function impersonationFlags(who: THelmIdentity | undefined): string[] {
  if (!who) return [];
  assertText('impersonated user', who.user, 512);
  const flags = [`--kube-as-user=${who.user}`];
  for (const group of who.groups) {
    assertText('impersonated group', group, 512);
    flags.push(`--kube-as-group=${group}`);
  }
  return flags;
}

function assertRevision(revision: number): void {
  if (!Number.isInteger(revision) || revision < 1)
    throw new HelmInputError(`revision must be a positive whole number`);
}

function assertTimeout(timeout: string): void {
  if (!/^(\d+h)?(\d+m)?(\d+s)?$/.test(timeout) || timeout === '')
    throw new HelmInputError(`timeout "${timeout}" is not a duration like 5m`);
}

function waitFlags(caps: THelmCaps, wait: TWaitMode): string[] {
  if (wait === 'none') return [];
  return caps.major >= 4 ? [`--wait=${wait}`] : ['--wait'];
}

function rollbackOnFailureFlag(caps: THelmCaps): string {
  return caps.major >= 4 ? '--rollback-on-failure' : '--atomic';
}

function valuesFileFlags(files: readonly string[] = []): string[] {
  return files.map((f) => {
    assertText('values file path', f, 4096);
    return `--values=${f}`;
  });
}

type TCommon = { timeout?: string; description?: string };

export type TInstallArgs = TCommon & {
  release: string;
  chart: string;
  version?: string;
  valuesFiles?: string[];
  wait?: TWaitMode;
  waitForJobs?: boolean;
  /** helm 4 --rollback-on-failure, helm 3 --atomic. */
  rollbackOnFailure?: boolean;
  createNamespace?: boolean;
  dryRun?: 'client' | 'server';
};

export type TUpgradeArgs = TInstallArgs & {
  /** upgrade --install */
  install?: boolean;
  historyMax?: number;
  cleanupOnFail?: boolean;
  resetThenReuseValues?: boolean;
};

function deployFlags(caps: THelmCaps, a: TUpgradeArgs, defaultRollback: boolean): string[] {
  assertReleaseName(a.release);
  assertChart(a.chart);
  const timeout = a.timeout ?? '5m';
  assertTimeout(timeout);
  const flags: string[] = [];
  if (a.version !== undefined) {
    assertText('chart version', a.version, 128);
    flags.push(`--version=${a.version}`);
  }
  flags.push(...valuesFileFlags(a.valuesFiles));
  const rollback = a.rollbackOnFailure ?? defaultRollback;
  if (rollback && a.dryRun === undefined) flags.push(rollbackOnFailureFlag(caps));
  // --atomic / --rollback-on-failure need a wait; make the mode explicit either way.
  flags.push(...waitFlags(caps, a.dryRun ? 'none' : (a.wait ?? (rollback ? 'watcher' : 'none'))));
  if (a.waitForJobs) flags.push('--wait-for-jobs');
  flags.push(`--timeout=${timeout}`);
  if (a.createNamespace) flags.push('--create-namespace');
  if (a.description !== undefined) {
    assertText('description', a.description, 256);
    flags.push(`--description=${a.description}`);
  }
  if (a.dryRun) flags.push(`--dry-run=${a.dryRun}`);
  if (a.historyMax !== undefined)
    flags.push(`--history-max=${Math.max(0, Math.trunc(a.historyMax))}`);
  if (a.cleanupOnFail) flags.push('--cleanup-on-fail');
  if (a.resetThenReuseValues) flags.push('--reset-then-reuse-values');
  return flags;
}

export function installArgs(caps: THelmCaps, a: TInstallArgs): string[] {
  return ['install', '--output=json', ...deployFlags(caps, a, false), '--', a.release, a.chart];
}

/** Upgrades roll back on failure unless told otherwise. */
export function upgradeArgs(caps: THelmCaps, a: TUpgradeArgs): string[] {
  const install = a.install ? ['--install'] : [];
  return [
    'upgrade',
    ...install,
    '--output=json',
    ...deployFlags(caps, a, true),
    '--',
    a.release,
    a.chart,
  ];
}

export type TRollbackArgs = TCommon & {
  release: string;
  /** Omitted: the previous revision. */
  revision?: number;
  wait?: TWaitMode;
  waitForJobs?: boolean;
  cleanupOnFail?: boolean;
  historyMax?: number;
};

export function rollbackArgs(caps: THelmCaps, a: TRollbackArgs): string[] {
  assertReleaseName(a.release);
  const timeout = a.timeout ?? '5m';
  assertTimeout(timeout);
  if (a.revision !== undefined) assertRevision(a.revision);
  const flags = [...waitFlags(caps, a.wait ?? 'watcher'), `--timeout=${timeout}`];
  if (a.waitForJobs) flags.push('--wait-for-jobs');
  if (a.cleanupOnFail) flags.push('--cleanup-on-fail');
  if (a.historyMax !== undefined)
    flags.push(`--history-max=${Math.max(0, Math.trunc(a.historyMax))}`);
  const positionals = a.revision === undefined ? [a.release] : [a.release, String(a.revision)];
  return ['rollback', ...flags, '--', ...positionals];
}

export type TUninstallArgs = TCommon & {
  release: string;
  keepHistory?: boolean;
  wait?: TWaitMode;
  ignoreNotFound?: boolean;
};

export function uninstallArgs(caps: THelmCaps, a: TUninstallArgs): string[] {
  assertReleaseName(a.release);
  const timeout = a.timeout ?? '5m';
  assertTimeout(timeout);
  const flags = [...waitFlags(caps, a.wait ?? 'none'), `--timeout=${timeout}`];
  if (a.keepHistory) flags.push('--keep-history');
  if (a.ignoreNotFound) flags.push('--ignore-not-found');
  if (a.description !== undefined) {
    assertText('description', a.description, 256);
    flags.push(`--description=${a.description}`);
  }
  return ['uninstall', ...flags, '--', a.release];
}

export function testArgs(
  _caps: THelmCaps,
  a: { release: string; timeout?: string; logs?: boolean; filter?: string[] },
): string[] {
  assertReleaseName(a.release);
  const timeout = a.timeout ?? '5m';
  assertTimeout(timeout);
  const flags = [`--timeout=${timeout}`];
  if (a.logs ?? true) flags.push('--logs');
  for (const f of a.filter ?? []) {
    assertText('test filter', f, 256);
    flags.push(`--filter=${f}`);
  }
  return ['test', ...flags, '--', a.release];
}

export function historyArgs(_caps: THelmCaps, a: { release: string; max?: number }): string[] {
  assertReleaseName(a.release);
  const max = a.max === undefined ? [] : [`--max=${Math.max(1, Math.trunc(a.max))}`];
  return ['history', '--output=json', ...max, '--', a.release];
}

export function statusArgs(_caps: THelmCaps, a: { release: string; revision?: number }): string[] {
  assertReleaseName(a.release);
  const rev =
    a.revision === undefined ? [] : (assertRevision(a.revision), [`--revision=${a.revision}`]);
  return ['status', '--output=json', ...rev, '--', a.release];
}

// helm 4 dropped `list --all`; naming every state lists the same releases.
const ALL_STATES_HELM4 = [
  '--deployed',
  '--failed',
  '--pending',
  '--superseded',
  '--uninstalled',
  '--uninstalling',
];

/** Releases in every state, not only deployed and failed. */
export function listArgs(
  caps: THelmCaps,
  a: { allNamespaces?: boolean; filter?: string; max?: number } = {},
): string[] {
  const flags = ['list', '--output=json', ...(caps.major >= 4 ? ALL_STATES_HELM4 : ['--all'])];
  if (a.allNamespaces) flags.push('--all-namespaces');
  if (a.filter !== undefined) {
    assertText('list filter', a.filter, 256);
    flags.push(`--filter=${a.filter}`);
  }
  if (a.max !== undefined) flags.push(`--max=${Math.max(0, Math.trunc(a.max))}`);
  return flags;
}

export function getValuesArgs(
  _caps: THelmCaps,
  a: { release: string; revision?: number; all?: boolean },
): string[] {
  assertReleaseName(a.release);
  const flags = ['get', 'values', '--output=json'];
  if (a.all) flags.push('--all');
  if (a.revision !== undefined) {
    assertRevision(a.revision);
    flags.push(`--revision=${a.revision}`);
  }
  return [...flags, '--', a.release];
}

export function getManifestArgs(
  _caps: THelmCaps,
  a: { release: string; revision?: number },
): string[] {
  assertReleaseName(a.release);
  const rev =
    a.revision === undefined ? [] : (assertRevision(a.revision), [`--revision=${a.revision}`]);
  return ['get', 'manifest', ...rev, '--', a.release];
}

export function templateArgs(
  _caps: THelmCaps,
  a: {
    release: string;
    chart: string;
    version?: string;
    valuesFiles?: string[];
    kubeVersion?: string;
    showOnly?: string[];
  },
): string[] {
  assertReleaseName(a.release);
  assertChart(a.chart);
  const flags = ['template'];
  if (a.version !== undefined) {
    assertText('chart version', a.version, 128);
    flags.push(`--version=${a.version}`);
  }
  flags.push(...valuesFileFlags(a.valuesFiles));
  if (a.kubeVersion !== undefined) {
    assertText('kube version', a.kubeVersion, 64);
    flags.push(`--kube-version=${a.kubeVersion}`);
  }
  for (const s of a.showOnly ?? []) {
    assertText('template path', s, 512);
    flags.push(`--show-only=${s}`);
  }
  return [...flags, '--', a.release, a.chart];
}

export function lintArgs(
  _caps: THelmCaps,
  a: { chart: string; valuesFiles?: string[]; strict?: boolean },
): string[] {
  assertChart(a.chart);
  const flags = ['lint'];
  if (a.strict ?? true) flags.push('--strict');
  return [...flags, ...valuesFileFlags(a.valuesFiles), '--', a.chart];
}

export type TShowWhat = 'chart' | 'values' | 'readme' | 'crds' | 'all';

export function showArgs(
  _caps: THelmCaps,
  a: { what: TShowWhat; chart: string; version?: string },
): string[] {
  assertChart(a.chart);
  const version =
    a.version === undefined
      ? []
      : (assertText('chart version', a.version, 128), [`--version=${a.version}`]);
  return ['show', a.what, ...version, '--', a.chart];
}

export function versionArgs(): string[] {
  return ['version', '--template={{.Version}}'];
}
