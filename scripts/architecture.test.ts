// The import rules of ARCHITECTURE.md fire on a crossing (each rule against
// a small tree that breaks it, cruised with the project's own configuration),
// and the documents name every lib/ folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

const ROOT = process.cwd();
const dir = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-imports-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(dir, 'tree-'));
  writeFileSync(path.join(root, 'tsconfig.json'), '{}');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** Cruises `root` with the project's rules; the rule names that fired. */
function violations(root: string): string[] {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      path.join(ROOT, 'scripts/typescript6-hook.mjs'),
      path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      ...['app', 'components', 'lib', 'sandbox'].filter((d) => readdirSync(root).includes(d)),
      '--config',
      path.join(ROOT, '.dependency-cruiser.cjs'),
      '--output-type',
      'json',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const out = JSON.parse(run.stdout) as {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  };
  return out.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe('import rules', () => {
  test('components/ importing app/ fails', () => {
    const root = tree({
      'app/(app)/tickets/actions.ts': 'export const approve = 1;\n',
      'components/tickets/button.tsx':
        "import { approve } from '../../app/(app)/tickets/actions';\nexport const b = approve;\n",
    });
    assert.deepEqual(violations(root), [
      'components-not-app: components/tickets/button.tsx -> app/(app)/tickets/actions.ts',
    ]);
  });

  test('lib/ importing app/ or components/ fails', () => {
    const root = tree({
      'app/api/v1/releases/route.ts': 'export const GET = 1;\n',
      'components/ui/cn.ts': 'export const cn = 1;\n',
      'lib/releases/a.ts':
        "import { GET } from '../../app/api/v1/releases/route';\nimport { cn } from '../../components/ui/cn';\nexport const a = [GET, cn];\n",
    });
    assert.deepEqual(violations(root).sort(), [
      'lib-not-app-or-components: lib/releases/a.ts -> app/api/v1/releases/route.ts',
      'lib-not-app-or-components: lib/releases/a.ts -> components/ui/cn.ts',
    ]);
  });

  test('a route folder importing another fails; app/_lib/ and its own files pass', () => {
    const root = tree({
      'app/_lib/run-action.ts': 'export const run = 1;\n',
      'app/(app)/tickets/actions.ts': 'export const approve = 1;\n',
      'app/(app)/tickets/page.tsx':
        "import { approve } from './actions';\nimport { run } from '../../_lib/run-action';\nexport const p = [approve, run];\n",
      'app/(app)/operations/page.tsx':
        "import { approve } from '../tickets/actions';\nexport const p = approve;\n",
      'app/api/v1/tickets/route.ts':
        "import { approve } from '../../../(app)/tickets/actions';\nexport const GET = approve;\n",
    });
    assert.deepEqual(violations(root).sort(), [
      'route-folders-apart: app/(app)/operations/page.tsx -> app/(app)/tickets/actions.ts',
      'route-folders-apart: app/api/v1/tickets/route.ts -> app/(app)/tickets/actions.ts',
    ]);
  });

  test('two modules importing each other at run time fail; a type-only import back passes', () => {
    const root = tree({
      'lib/a/one.ts': "import { two } from './two';\nexport const one = () => two;\n",
      'lib/a/two.ts': "import { one } from './one';\nexport const two = () => one;\n",
      'lib/b/one.ts':
        "import { two } from './two';\nexport type TOne = { n: number };\nexport const one = two;\n",
      'lib/b/two.ts': "import type { TOne } from './one';\nexport const two: TOne = { n: 1 };\n",
    });
    assert.deepEqual(
      violations(root)
        .filter((v) => v.startsWith('no-runtime-cycles'))
        .sort(),
      // dependency-cruiser reports a cycle once, at the module it meets first.
      ['no-runtime-cycles: lib/a/one.ts -> lib/a/two.ts'],
    );
  });

  test('Helmdeck code importing the sandbox, or the sandbox importing Helmdeck, fails', () => {
    const root = tree({
      'sandbox/index.ts': "import { x } from '../lib/kube/x';\nexport const s = x;\n",
      'lib/kube/x.ts': 'export const x = 1;\n',
      'lib/kube/y.ts': "import { s } from '../../sandbox/index';\nexport const y = s;\n",
    });
    assert.deepEqual(violations(root).sort(), [
      'app-code-not-sandbox: lib/kube/y.ts -> sandbox/index.ts',
      'sandbox-alone: sandbox/index.ts -> lib/kube/x.ts',
    ]);
  });
});

describe('the documents', () => {
  const libFolders = readdirSync(path.join(ROOT, 'lib'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'generated')
    .map((e) => e.name);

  test("the README's layout paragraph names every lib/ folder and links ARCHITECTURE.md", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const layout = readme.slice(readme.indexOf('Layout:'));
    for (const folder of libFolders) assert.ok(layout.includes(`\`${folder}\``), folder);
    assert.match(layout, /\[ARCHITECTURE\.md\]\(ARCHITECTURE\.md\)/);
  });

  test('ARCHITECTURE.md has a row for every lib/ folder', () => {
    const doc = readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    for (const folder of libFolders) assert.ok(doc.includes(`\`${folder}/\``), folder);
  });
});
