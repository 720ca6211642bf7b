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

test('metrics are off without a metricsEndpoint section', () => {
  assert.equal(parseConfig(config(''), '/tmp/helmdeck.yaml').metricsEndpoint, undefined);
});

test('metrics behind a bearer token, or on their own port', () => {
  const token = parseConfig(config('metricsEndpoint: { bearerToken: true }'), '/tmp/helmdeck.yaml');
  assert.deepEqual(token.metricsEndpoint, { bearerToken: true, host: '0.0.0.0' });
  const port = parseConfig(config('metricsEndpoint: { port: 9464 }'), '/tmp/helmdeck.yaml');
  assert.deepEqual(port.metricsEndpoint, { bearerToken: false, port: 9464, host: '0.0.0.0' });
});

test('an unprotected /api/metrics is refused, naming the field and both ways to fix it', () => {
  const [problem, ...rest] = problems(config('metricsEndpoint: {}'));
  assert.equal(rest.length, 0);
  assert.match(problem ?? '', /metricsEndpoint.*bearerToken: true.*port/);
});

test('a metrics port outside 1-65535 is refused', () => {
  assert.match(
    problems(config('metricsEndpoint: { port: 70000 }')).join('\n'),
    /metricsEndpoint\.port/,
  );
});
