// RFC 6902 JSON Patch and RFC 7386 JSON Merge Patch.
import { isDeepStrictEqual } from 'node:util';
import { isPlainObject } from './schema';
import { ApiError, errors } from './status';

interface TOp {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw errors.badRequest(`invalid JSON pointer: "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function unprocessable(message: string): ApiError {
  return new ApiError(422, 'Invalid', message);
}

function parentOf(doc: unknown, parts: string[], path: string): { parent: unknown; last: string } {
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isPlainObject(cur)) cur = cur[p];
    else cur = undefined;
    if (cur === undefined)
      throw unprocessable(
        `the server rejected our request due to an error in our request: doc is missing path: "${path}": missing value`,
      );
  }
  return { parent: cur, last: parts[parts.length - 1]! };
}

function get(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const p of pointer(path)) {
    cur = Array.isArray(cur) ? cur[Number(p)] : isPlainObject(cur) ? cur[p] : undefined;
    if (cur === undefined)
      throw unprocessable(
        `the server rejected our request due to an error in our request: doc is missing path: "${path}": missing value`,
      );
  }
  return cur;
}

function index(arr: unknown[], token: string, path: string, forAdd: boolean): number {
  if (forAdd && token === '-') return arr.length;
  const i = Number(token);
  const max = forAdd ? arr.length : arr.length - 1;
  if (!/^\d+$/.test(token) || i > max)
    throw unprocessable(
      `the server rejected our request due to an error in our request: index out of bounds in "${path}"`,
    );
  return i;
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const parts = pointer(path);
  if (!parts.length) return value;
  const { parent, last } = parentOf(doc, parts, path);
  if (Array.isArray(parent)) parent.splice(index(parent, last, path, true), 0, value);
  else if (isPlainObject(parent)) parent[last] = value;
  else throw unprocessable(`doc is missing path: "${path}"`);
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const parts = pointer(path);
  const { parent, last } = parentOf(doc, parts, path);
  if (Array.isArray(parent)) parent.splice(index(parent, last, path, false), 1);
  else if (isPlainObject(parent) && last in parent) delete parent[last];
  else
    throw unprocessable(
      `the server rejected our request due to an error in our request: Unable to remove nonexistent key: ${last}: missing value`,
    );
  return doc;
}

export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch))
    throw errors.badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(target);
  for (const raw of patch as TOp[]) {
    const op = raw.op;
    if (op === 'add') doc = add(doc, raw.path, structuredClone(raw.value));
    else if (op === 'remove') doc = remove(doc, raw.path);
    else if (op === 'replace') {
      get(doc, raw.path);
      doc = add(remove(doc, raw.path), raw.path, structuredClone(raw.value));
    } else if (op === 'move' || op === 'copy') {
      const value = structuredClone(get(doc, raw.from ?? ''));
      if (op === 'move') doc = remove(doc, raw.from ?? '');
      doc = add(doc, raw.path, value);
    } else if (op === 'test') {
      if (!isDeepStrictEqual(get(doc, raw.path), raw.value))
        throw unprocessable(
          `the server rejected our request due to an error in our request: testing value ${raw.path} failed: test failed`,
        );
    } else throw errors.badRequest(`Unexpected kind: ${String(op)}`);
  }
  return doc;
}

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}
