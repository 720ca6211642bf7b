import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, parseConfig } from './load-config';

const config = (metrics: string) => `
environments:
  - name: staging
    clusters: [{ name: staging, context: staging }]
    namespace: staging
${metrics}
`;

function problems(text: string): string[] {
  try {
    parseConfig(text, '/tmp/helmdeck.yaml');
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

test('metrics are off without a metrics section', () => {
  assert.equal(parseConfig(config(''), '/tmp/helmdeck.yaml').metrics, undefined);
});

test('metrics behind a bearer token, or on their own port', () => {
  const token = parseConfig(config('metrics: { bearerToken: true }'), '/tmp/helmdeck.yaml');
  assert.deepEqual(token.metrics, { bearerToken: true, host: '0.0.0.0' });
  const port = parseConfig(config('metrics: { port: 9464 }'), '/tmp/helmdeck.yaml');
  assert.deepEqual(port.metrics, { bearerToken: false, port: 9464, host: '0.0.0.0' });
});

test('an unprotected /api/metrics is refused, naming the field and both ways to fix it', () => {
  const [problem, ...rest] = problems(config('metrics: {}'));
  assert.equal(rest.length, 0);
  assert.match(problem ?? '', /metrics.*bearerToken: true.*port/);
});

test('a metrics port outside 1-65535 is refused', () => {
  assert.match(problems(config('metrics: { port: 70000 }')).join('\n'), /metrics\.port/);
});
