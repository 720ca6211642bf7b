import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as build from './args';
import { HelmInputError } from './errors';
import { withGlobalFlags } from './run-helm';
import { MAX_VALUES_FILE_BYTES } from '@/lib/values';
import { serialiseValues } from './values-file';

const helm4 = { major: 4 };
const helm3 = { major: 3 };

/** The positionals of a command line: everything after its single `--`. */
function positionals(args: string[]): string[] {
  assert.equal(args.filter((a) => a === '--').length, 1, `exactly one -- in ${args.join(' ')}`);
  return args.slice(args.indexOf('--') + 1);
}

describe('helm argument builders', () => {
  test('an upgrade rolls back on failure with --rollback-on-failure on helm 4 and --atomic on helm 3', () => {
    const a = {
      release: 'alpha-members',
      chart: '/charts/alpha-members',
      timeout: '10m',
      valuesFiles: ['/c/values.yaml', '/c/values-prod.yaml'],
    };
    const h4 = build.upgradeArgs(helm4, a);
    const h3 = build.upgradeArgs(helm3, a);
    assert.ok(h4.includes('--rollback-on-failure') && !h4.includes('--atomic'));
    assert.ok(h4.includes('--wait=watcher'));
    assert.ok(
      h3.includes('--atomic') && h3.includes('--wait') && !h3.includes('--rollback-on-failure'),
    );
    assert.ok(!h3.some((x) => x.startsWith('--wait=')), 'helm 3 --wait takes no value');
    for (const args of [h4, h3]) {
      assert.deepEqual(positionals(args), ['alpha-members', '/charts/alpha-members']);
      assert.ok(args.includes('--timeout=10m'));
      assert.ok(
        args.indexOf('--values=/c/values.yaml') < args.indexOf('--values=/c/values-prod.yaml'),
        'values files keep their order',
      );
      assert.equal(args[0], 'upgrade');
    }
  });

  test('wait modes: legacy polling on helm 4, plain --wait on helm 3, nothing for none', () => {
    const a = { release: 'r', chart: './c', wait: 'legacy' as const };
    assert.ok(build.upgradeArgs(helm4, a).includes('--wait=legacy'));
    assert.ok(build.upgradeArgs(helm3, a).includes('--wait'));
    const none = build.installArgs(helm4, { release: 'r', chart: './c' });
    assert.ok(!none.some((x) => x.startsWith('--wait')), none.join(' '));
    assert.ok(!none.includes('--rollback-on-failure'), 'installs do not roll back unless asked');
    assert.ok(build.rollbackArgs(helm3, { release: 'r' }).includes('--wait'));
    assert.ok(build.rollbackArgs(helm4, { release: 'r' }).includes('--wait=watcher'));
  });

  test('a dry run never asks helm to roll back or wait', () => {
    const args = build.upgradeArgs(helm4, { release: 'r', chart: './c', dryRun: 'server' });
    assert.ok(args.includes('--dry-run=server'));
    assert.ok(!args.includes('--rollback-on-failure') && !args.some((x) => x.startsWith('--wait')));
  });

  test('rollback puts release and revision after --; the previous revision when none is given', () => {
    assert.deepEqual(
      positionals(build.rollbackArgs(helm4, { release: 'alpha-members', revision: 3 })),
      ['alpha-members', '3'],
    );
    assert.deepEqual(positionals(build.rollbackArgs(helm4, { release: 'alpha-members' })), [
      'alpha-members',
    ]);
    assert.throws(() => build.rollbackArgs(helm4, { release: 'r', revision: 0 }), HelmInputError);
    assert.throws(() => build.rollbackArgs(helm4, { release: 'r', revision: 1.5 }), HelmInputError);
  });

  test('every command that names a release refuses names that could pass as flags', () => {
    const bad = ['-rf', '--kubeconfig=/etc/passwd', 'Alpha', 'a'.repeat(54), '', 'a b', 'a;rm'];
    const builders = [
      (release: string) => build.installArgs(helm4, { release, chart: './c' }),
      (release: string) => build.upgradeArgs(helm3, { release, chart: './c' }),
      (release: string) => build.rollbackArgs(helm4, { release }),
      (release: string) => build.uninstallArgs(helm4, { release }),
      (release: string) => build.testArgs(helm4, { release }),
      (release: string) => build.historyArgs(helm4, { release }),
      (release: string) => build.statusArgs(helm4, { release }),
      (release: string) => build.getValuesArgs(helm4, { release }),
      (release: string) => build.getManifestArgs(helm4, { release }),
      (release: string) => build.templateArgs(helm4, { release, chart: './c' }),
    ];
    for (const b of builders) {
      for (const name of bad) assert.throws(() => b(name), HelmInputError, `${name} accepted`);
      assert.ok(positionals(b('alpha-members')).includes('alpha-members'));
    }
  });

  test('charts that start with "-" and values that contain newlines are refused', () => {
    assert.throws(
      () => build.upgradeArgs(helm4, { release: 'r', chart: '--set=x' }),
      HelmInputError,
    );
    assert.throws(
      () => build.upgradeArgs(helm4, { release: 'r', chart: './c', description: 'a\n--set x' }),
      HelmInputError,
    );
    assert.throws(
      () => build.upgradeArgs(helm4, { release: 'r', chart: './c', timeout: '5 minutes' }),
      HelmInputError,
    );
  });

  test('values that start with "-" travel inside --flag=value and cannot become flags', () => {
    const args = build.upgradeArgs(helm4, {
      release: 'r',
      chart: './c',
      version: '-1',
      description: '--force',
    });
    assert.ok(args.includes('--version=-1') && args.includes('--description=--force'));
    assert.ok(!args.includes('--force'));
  });

  test('read commands ask for JSON; list has no positionals and no --', () => {
    assert.ok(build.historyArgs(helm4, { release: 'r' }).includes('--output=json'));
    assert.ok(build.statusArgs(helm4, { release: 'r', revision: 2 }).includes('--revision=2'));
    assert.deepEqual(build.listArgs(helm3, { allNamespaces: true }), [
      'list',
      '--output=json',
      '--all',
      '--all-namespaces',
    ]);
    assert.ok(!build.listArgs(helm4).includes('--all'), 'helm 4 has no list --all');
    assert.ok(
      build.listArgs(helm4).includes('--superseded') && build.listArgs(helm4).includes('--pending'),
    );
    assert.deepEqual(positionals(build.lintArgs(helm4, { chart: './c' })), ['./c']);
  });

  test('global flags and the values file go before the --, the values file last so it wins', () => {
    const args = build.upgradeArgs(helm4, { release: 'r', chart: './c', valuesFiles: ['/v.yaml'] });
    const full = withGlobalFlags(
      args,
      { kubeContext: 'east', namespace: 'production', kubeconfig: '/k', timeoutMs: 1 },
      '/tmp/x/values.json',
    );
    assert.deepEqual(positionals(full), ['r', './c']);
    const sep = full.indexOf('--');
    for (const f of [
      '--kube-context=east',
      '--namespace=production',
      '--kubeconfig=/k',
      '--values=/tmp/x/values.json',
    ]) {
      assert.ok(full.indexOf(f) >= 0 && full.indexOf(f) < sep, f);
    }
    assert.ok(full.indexOf('--values=/v.yaml') < full.indexOf('--values=/tmp/x/values.json'));
    const inCluster = withGlobalFlags(['list'], {
      kubeContext: 'in-cluster',
      kubeconfig: '/k',
      timeoutMs: 1,
    });
    assert.deepEqual(
      inCluster,
      ['list'],
      'in-cluster uses the service account, not a kubeconfig context',
    );
  });
});

describe('values limits', () => {
  test('values must be a mapping, at most 5 MB and 32 levels deep', () => {
    assert.throws(() => serialiseValues(['a']), /mapping/);
    assert.throws(() => serialiseValues('x: 1'), /mapping/);
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) deep = { nested: deep };
    assert.throws(() => serialiseValues(deep), /deeper than 32/);
    assert.throws(
      () => serialiseValues({ blob: 'x'.repeat(MAX_VALUES_FILE_BYTES) }),
      /larger than 5 MB/,
    );
    assert.equal(serialiseValues({ image: { tag: '2.0.0' } }), '{"image":{"tag":"2.0.0"}}');
  });
});
