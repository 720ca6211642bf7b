// The import rules of ARCHITECTURE.md ("Layers"), checked by `npm run check`:
// a crossing fails CI. scripts/architecture.test.ts proves each rule fires.
/* eslint-disable @typescript-eslint/no-require-imports -- dependency-cruiser reads its configuration as CommonJS */
const fs = require('node:fs');
const path = require('node:path');

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Route folders: the top-level segments of app/, app/(app)/, app/api/ and
// app/api/v1/. Files directly in those folders (layouts, shared actions) are
// the group's own, not a route folder's.
function routeFolders(root) {
  const parents = ['app', 'app/(app)', 'app/api', 'app/api/v1'];
  const out = [];
  for (const parent of parents) {
    const dir = path.join(root, parent);
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = `${parent}/${entry.name}`;
      if (!entry.isDirectory() || entry.name.startsWith('_')) continue;
      if (parents.includes(full)) continue;
      out.push(full);
    }
  }
  return out;
}

const routeRules = routeFolders(process.cwd()).map((folder) => ({
  name: 'route-folders-apart',
  comment: `${folder} imports another route folder; share it through lib/ or app/_lib/ instead.`,
  severity: 'error',
  // Tests may drive the handlers of several routes (an access test of every route).
  from: { path: `^${escape(folder)}/`, pathNot: '\\.test\\.tsx?$' },
  to: { path: '^app/', pathNot: [`^${escape(folder)}/`, '^app/_lib/'] },
}));

module.exports = {
  forbidden: [
    {
      name: 'components-not-app',
      comment: 'components/ takes data and actions from lib/ and its props, never from app/.',
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^app/' },
    },
    {
      name: 'lib-not-app-or-components',
      comment: 'lib/ is the domain: it knows neither routes nor UI.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(app|components)/' },
    },
    {
      name: 'app-code-not-sandbox',
      comment: 'Helmdeck only sees a kubeconfig; only tests and scripts start the sandbox.',
      severity: 'error',
      from: { path: '^(app|components|lib)/', pathNot: '\\.test\\.tsx?$|/testing/' },
      to: { path: '^sandbox/' },
    },
    {
      name: 'sandbox-alone',
      comment:
        'The sandbox cluster is a test double of Kubernetes; it knows nothing of Helmdeck (its tests find helm through lib/helm).',
      severity: 'error',
      from: { path: '^sandbox/', pathNot: '^sandbox/test/' },
      to: { path: '^(app|components|lib)/' },
    },
    {
      name: 'no-runtime-cycles',
      comment:
        'Modules that import each other at run time load half-initialised; break the cycle (type-only imports are fine).',
      severity: 'error',
      from: { path: '^(app|components|lib)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...routeRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|lib/generated)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
