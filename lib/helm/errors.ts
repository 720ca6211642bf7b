// What can go wrong running helm, as error classes whose messages are safe
// to show a user. Raw stderr never leaves this module: only one sanitised
// line of it (`detail`) for logs and for failures we cannot name.
import { maskCredentials } from '@/lib/releases/credentials';

export type THelmErrorKind =
  | 'invalid-input'
  | 'binary'
  | 'release-not-found'
  | 'revision-not-found'
  | 'release-exists'
  | 'timeout'
  | 'cluster-unreachable'
  | 'kube-context'
  | 'forbidden'
  | 'invalid-values'
  | 'operation-in-progress'
  | 'chart-not-found'
  | 'hook-failed'
  | 'rollout-failed'
  | 'failed';

export class HelmError extends Error {
  constructor(
    readonly kind: THelmErrorKind,
    message: string,
    /** One sanitised line of helm's stderr, when helm ran. */
    readonly detail?: string,
    readonly exitCode?: number,
  ) {
    super(message);
    this.name = 'HelmError';
  }
}

/** Our own validation refused the input; helm was not run. */
export class HelmInputError extends HelmError {
  constructor(message: string) {
    super('invalid-input', message);
    this.name = 'HelmInputError';
  }
}

/** The helm binary is missing, not executable or too old. */
export class HelmBinaryError extends HelmError {
  constructor(message: string) {
    super('binary', message);
    this.name = 'HelmBinaryError';
  }
}

/** helm ran and failed; `kind` says why. */
export class HelmCommandError extends HelmError {
  constructor(
    kind: THelmErrorKind,
    message: string,
    detail: string | undefined,
    exitCode: number | undefined,
    /** helm rolled the failed upgrade/install back itself (--atomic / --rollback-on-failure). */
    readonly rolledBack = false,
  ) {
    super(kind, message, detail, exitCode);
    this.name = 'HelmCommandError';
  }
}

// An absolute path after a space, quote or bracket (not a URL's path).
const SERVER_PATH = /(?<![\w.:/~-])\/(?:[^\s"'`/:,;()]+\/)*([^\s"'`/:,;()]+)/g;

/** `text` with server file paths cut to their last segment: where files live is nobody's business. */
export function hideServerPaths(text: string): string {
  return text.replace(SERVER_PATH, (_m, last: string) => last);
}

/** First meaningful error line of stderr, secrets masked, server paths cut, bounded in length. */
export function sanitiseStderr(stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(WARNING|walk\.go|level=(DEBUG|INFO|WARN))/.test(l));
  let line = lines.find((l) => /^Error:/.test(l)) ?? lines.at(-1);
  if (!line) return undefined;
  line = line.replace(/^Error:\s*/, '');
  line = hideServerPaths(maskCredentials(line, () => '***'));
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** Schema and YAML problems of the values, one per line, as helm reports them (they are about user input). */
function valuesProblems(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('- '))
    .map((l) => hideServerPaths(l.slice(2)))
    .slice(0, 20);
}

/**
 * The API server's RBAC refusal, which names the verb and the resource:
 * `secrets is forbidden: User "alice" cannot list resource "secrets" in API
 * group "" in the namespace "production"`.
 */
export function kubeRefusal(text: string): string | undefined {
  const m =
    /([\w.-]+(?: "[^"\n]{0,253}")? is forbidden: User "[^"\n]{0,512}" cannot [\w-]+ resource "[^"\n]{1,253}"(?: in API group "[^"\n]{0,253}")?(?: in the namespace "[^"\n]{0,63}"| at the cluster scope)?)/.exec(
      text,
    );
  return m?.[1];
}

type TRule = {
  kind: THelmErrorKind;
  test: RegExp;
  message: (ctx: TFailureContext, stderr: string) => string;
};

export type TFailureContext = {
  command: string;
  release?: string;
  kubeContext?: string;
  chart?: string;
  revision?: number;
};

const who = (c: TFailureContext) => (c.release ? `release ${c.release}` : 'the release');
const where = (c: TFailureContext) =>
  c.kubeContext ? `cluster (context ${c.kubeContext})` : 'cluster';

// Order matters: the first rule that matches names the failure.
const RULES: TRule[] = [
  {
    kind: 'operation-in-progress',
    test: /another operation \(install\/upgrade\/rollback\) is in progress/i,
    message: (c) =>
      `another helm operation on ${who(c)} is in progress; wait for it or recover the pending release`,
  },
  {
    kind: 'kube-context',
    test: /context "[^"]*" does not exist|context was not found for specified context/i,
    message: (c) =>
      `kube context ${c.kubeContext ?? ''} is not in the kubeconfig`.replace('  ', ' '),
  },
  {
    kind: 'cluster-unreachable',
    test: /cluster unreachable|connection refused|no such host|i\/o timeout|network is unreachable|dial tcp|connection reset|EOF$/im,
    message: (c) => `the ${where(c)} is unreachable`,
  },
  {
    kind: 'forbidden',
    test: /is forbidden:|Unauthorized|must be logged in/i,
    message: (c, stderr) => {
      const refusal = kubeRefusal(stderr);
      return refusal
        ? `the ${where(c)} refused it: ${refusal}`
        : `the ${where(c)} refused helm's credentials (forbidden or unauthorized)`;
    },
  },
  {
    kind: 'invalid-values',
    test: /don't meet the specifications of the schema|values don't meet|error converting YAML to JSON|failed to parse .*values|cannot unmarshal/i,
    message: (c, stderr) => {
      const problems = valuesProblems(stderr);
      return `the values do not fit the chart${c.chart ? ` ${c.chart}` : ''}${problems.length ? `:\n${problems.map((p) => `  - ${p}`).join('\n')}` : ''}`;
    },
  },
  {
    kind: 'revision-not-found',
    test: /release has no \d+ version|revision .* not found/i,
    message: (c) =>
      `${who(c)} has no revision ${c.revision ?? ''} (it never existed or history-max pruned it)`.replace(
        ' )',
        ')',
      ),
  },
  {
    kind: 'release-not-found',
    test: /release: not found|has no deployed releases|release not loaded/i,
    message: (c) => `${who(c)} was not found in this namespace`,
  },
  {
    kind: 'release-exists',
    test: /cannot re-?use a name that is still in use/i,
    message: (c) => `${who(c)} already exists; upgrade it instead`,
  },
  {
    kind: 'chart-not-found',
    test: /path "[^"]*" not found|chart "[^"]*" (version "[^"]*" )?not found|failed to download|no chart (version |name )?found|repo .* not found|not a valid chart repository|Chart\.yaml file is missing|non-absolute URLs/i,
    message: (c) => `chart ${c.chart ?? ''} was not found`.replace('  ', ' '),
  },
  {
    kind: 'hook-failed',
    test: /(pre|post)-(install|upgrade|rollback|delete)( hooks)? failed|job .*failed|BackoffLimitExceeded|DeadlineExceeded/i,
    message: (c) => `a chart hook (e.g. a migration job) failed during helm ${c.command}`,
  },
  {
    kind: 'rollout-failed',
    test: /not ready\. status: Failed|Progress deadline exceeded|ProgressDeadlineExceeded/i,
    message: () =>
      'the new version did not become ready (pods crashing, not pulling or failing readiness)',
  },
  {
    kind: 'timeout',
    test: /context deadline exceeded|timed out waiting for the condition|timeout waiting|resource not ready/i,
    message: (c) => `helm ${c.command} timed out before the resources were ready`,
  },
];

/** Names a failed helm run from its stderr. */
export function classifyHelmFailure(
  ctx: TFailureContext,
  stderr: string,
  exitCode: number | undefined,
): HelmCommandError {
  const detail = sanitiseStderr(stderr);
  const rolledBack = /has been rolled back|rolled back due to|uninstalled due to/i.test(stderr);
  const suffix = rolledBack ? ' (helm rolled the change back)' : '';
  for (const rule of RULES) {
    if (rule.test.test(stderr)) {
      return new HelmCommandError(
        rule.kind,
        hideServerPaths(rule.message(ctx, stderr)) + suffix,
        detail,
        exitCode,
        rolledBack,
      );
    }
  }
  const message = `helm ${ctx.command} failed${detail ? `: ${detail}` : ''}${suffix}`;
  return new HelmCommandError('failed', message, detail, exitCode, rolledBack);
}
