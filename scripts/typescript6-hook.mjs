// dependency-cruiser parses TypeScript with the TypeScript 6 JS API; the
// project compiles with the native TypeScript 7, which has none. Loaded with
// `node --import`, this points dependency-cruiser's `typescript` (its
// import() and its require of package.json) at the side-by-side TS 6 package,
// as eslint.config.mjs does for typescript-eslint.
import Module, { register } from 'node:module';

const FROM_CRUISER = /[\\/]dependency-cruiser[\\/]/;
const retarget = (request) => request.replace(/^typescript(?=$|\/)/, '@typescript/typescript6');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const target = FROM_CRUISER.test(parent?.filename ?? '') ? retarget(request) : request;
  return resolveFilename.call(this, target, parent, ...rest);
};

const hooks = `
export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && /[\\\\/]dependency-cruiser[\\\\/]/.test(context.parentURL ?? ''))
    return next('@typescript/typescript6', context);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, import.meta.url);
