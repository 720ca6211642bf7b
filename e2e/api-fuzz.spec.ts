// Malformed input against every /api/v1 route and method, as a hostile
// script or a confused pipeline would send it: broken percent-escapes,
// bytes that are not UTF-8, NUL bytes, path tricks and absurd numbers in
// every path segment and query parameter; bodies that are not JSON, not an
// object, or full of wrong types. Each input goes out with each role's API
// token and with a signed-in browser's cookie. Every answer must be a
// refusal or an answer, never a 5xx, and no body may show internal text
// (a stack, a server path, SQL).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { demoUser, signInToOverview } from './helpers';

const API_DIR = path.resolve('app/api/v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

// Real names where a segment is not the one being fuzzed; ids that do not exist, so no write can land.
const BASE: Record<string, string> = {
  environment: 'production',
  cluster: 'east',
  release: 'alpha-members',
  id: '999999',
};

const BAD_SEGMENTS = [
  '%ZZ',
  '%',
  '%4',
  '%C3%28',
  '%ED%A0%80',
  '%FF%FE',
  '%C0%AF',
  '%00',
  'a%00b',
  '%2e%2e',
  '..%2F..%2Fetc%2Fpasswd',
  '%2F',
  '-1',
  '0',
  '1.5',
  '1e9',
  '99999999999999999999999',
  '0x1F',
  "'%20OR%201=1--",
  '%3Cscript%3E',
  '%E2%80%AE',
  '%F0%9F%98%80',
  'UPPER',
  'a'.repeat(300),
];

const BAD_VALUES = [...BAD_SEGMENTS, '', '%20', 'production%2Feast%2Fx', 'null', '[]', '-0'];

const QUERY_PARAMS = [
  'environment',
  'cluster',
  'release',
  'state',
  'limit',
  'before',
  'from',
  'to',
  'left',
  'right',
  'afterLogId',
  'kind',
  'externalRef',
  'wait',
];

const BAD_BODIES = [
  '',
  'not json',
  '{"unterminated": ',
  '[]',
  '"a string"',
  '42',
  'null',
  '{"kind": "\\u0000"}',
  '{"kind": "rollback", "environment": "production\\u0000", "cluster": "east", "release": "alpha-members"}',
  '{"kind": 7, "environment": [], "cluster": {}, "release": null}',
  '{"kind": "upgrade", "environment": "production", "cluster": "east", "release": "alpha-members", "params": {"values": "a: [unclosed"}}',
  '{"kind": "upgrade", "environment": "%ZZ", "cluster": "..", "release": "../../etc", "params": "x"}',
  '{"release": "alpha-members", "environment": "production", "clusters": ["east"], "chartVersion": "\\u0000"}',
  '{"comment": "\\u0000\\u0000"}',
  '{"breakGlassReason": 12345}',
  '{"build": {"chartVersion": {"$gt": ""}}, "from": "staging", "to": "production\\u0000"}',
  JSON.stringify({ deep: JSON.parse('['.repeat(200) + ']'.repeat(200)) }),
  '{"a": 1e999999}',
  '{"__proto__": {"admin": true}}',
];

type TRoute = { template: string; methods: string[] };
type TInput = { method: string; url: string; body?: string };

function routes(dir = API_DIR): TRoute[] {
  const out: TRoute[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routes(full));
    else if (entry.name === 'route.ts') {
      const source = readFileSync(full, 'utf8');
      const methods = METHODS.filter((m) =>
        new RegExp(`export (async )?function ${m}\\b`).test(source),
      );
      const rel = path.relative(path.resolve('app'), path.dirname(full)).split(path.sep).join('/');
      out.push({ template: `/${rel}`, methods });
    }
  }
  return out;
}

function fill(template: string, bad?: { name: string; value: string }): string {
  return template.replace(/\[(\w+)\]/g, (_, name: string) =>
    bad?.name === name ? bad.value : (BASE[name] ?? 'x'),
  );
}

function inputs(): TInput[] {
  const out: TInput[] = [];
  for (const route of routes()) {
    const names = [...route.template.matchAll(/\[(\w+)\]/g)].map((m) => m[1] ?? '');
    const url = fill(route.template);
    for (const method of route.methods) {
      const body = method === 'GET' ? undefined : '{}';
      for (const name of names)
        for (const value of BAD_SEGMENTS)
          out.push({ method, url: fill(route.template, { name, value }), body });
      QUERY_PARAMS.forEach((param, i) => {
        for (let k = 0; k < 4; k += 1) {
          const value = BAD_VALUES[(i * 4 + k) % BAD_VALUES.length] ?? '';
          out.push({ method, url: `${url}?${param}=${value}`, body });
        }
      });
      if (body !== undefined) for (const text of BAD_BODIES) out.push({ method, url, body: text });
    }
    // Methods the route does not have must answer 405, not 500.
    for (const method of METHODS.filter((m) => !route.methods.includes(m)))
      out.push(
        { method, url, body: '{}' },
        { method, url: fill(route.template, { name: names[0] ?? '', value: '%ZZ' }) },
      );
  }
  return out;
}

// What must never reach a client: stack frames, server paths, SQL and driver text.
const INTERNAL =
  /\bat [\w$.<>]+ \(|node_modules|\/(?:work|home|root|srv|tmp|usr|var|opt)\/|\.tsx?:\d+|\bprisma\b|\bSELECT\b|\bINSERT INTO\b|invalid byte sequence|invalid input syntax|Internal Server Error|ECONN\w+|TypeError|ReferenceError/i;

type TCaller = { name: string; request: APIRequestContext; headers: Record<string, string> };

function demoTokens(): Record<string, string> {
  const file = path.resolve('.helmdeck/e2e/demo/tokens.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

test('malformed input on every /api/v1 route and method, with every role and a cookie, never answers 5xx or internal text', async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const all = inputs();
  expect(all.length).toBeGreaterThanOrEqual(1000);

  const tokens = demoTokens();
  const callers: TCaller[] = (['viewer', 'release_manager', 'approver', 'admin'] as const).map(
    (role) => {
      const token = tokens[demoUser(role).email];
      if (!token) throw new Error(`no demo token for ${role}`);
      return { name: role, request, headers: { authorization: `Bearer ${token}` } };
    },
  );
  const admin = demoUser('admin');
  await signInToOverview(page, admin.email, admin.password);
  // The browser's own headers, so cookie writes pass the cross-site check and reach the handlers.
  callers.push({
    name: 'cookie',
    request: page.request,
    headers: { origin: baseURL ?? '', 'content-type': 'application/json' },
  });

  const failures: string[] = [];
  let sent = 0;
  const started = Date.now();
  // Each input with one caller in turn, so every route and method meets every caller.
  const queue = all.map((input, i) => ({ input, caller: callers[i % callers.length] as TCaller }));
  const worker = async () => {
    for (let job = queue.pop(); job; job = queue.pop()) {
      const { input, caller } = job;
      const send = () =>
        caller.request.fetch(input.url, {
          method: input.method,
          headers: { 'content-type': 'application/json', ...caller.headers },
          data: input.body,
          maxRedirects: 0,
          failOnStatusCode: false,
          timeout: 60_000,
        });
      // A kept-alive socket the server closed just as it was reused is the client's race, not an answer: send again.
      const response = await send().catch((e: unknown) => {
        if (String(e).includes('ECONNRESET')) return send();
        throw e;
      });
      sent += 1;
      const body = await response.text();
      const where = `${caller.name} ${input.method} ${input.url}${input.body ? ` ${input.body.slice(0, 80)}` : ''}`;
      if (response.status() >= 500)
        failures.push(`${response.status()} ${where}: ${body.slice(0, 200)}`);
      else if (INTERNAL.test(body)) failures.push(`internal text ${where}: ${body.slice(0, 200)}`);
    }
  };
  // Parallel, so the whole run stays within a few minutes; every request is still checked.
  await Promise.all(Array.from({ length: 16 }, worker));
  console.log(
    `api fuzz: ${all.length} inputs, ${callers.length} callers in turn, ${sent} requests in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  expect(failures.slice(0, 20)).toEqual([]);
});
