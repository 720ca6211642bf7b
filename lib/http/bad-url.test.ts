// Addresses no route can mean are refused before routing, with a reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { badUrlReason } from './bad-url';

describe('bad request addresses', () => {
  test('ordinary addresses pass, escapes and all', () => {
    for (const url of [
      '/',
      '/api/v1/operations/12',
      '/releases/production/east/alpha-members?tab=values&rev=3',
      '/audit?who=Vera%20V%C3%A9ronique&q=a+b&flag',
      '/api/v1/releases?environment=%25',
    ])
      assert.equal(badUrlReason(url), null, url);
  });

  test('a malformed percent-escape in a path segment', () => {
    assert.match(badUrlReason('/api/v1/operations/%ZZ') ?? '', /malformed percent-escape/);
    assert.match(badUrlReason('/releases/%') ?? '', /malformed percent-escape/);
  });

  test('escapes that are not UTF-8, in the path or a parameter', () => {
    assert.match(badUrlReason('/releases/%C3%28') ?? '', /not UTF-8/);
    assert.match(badUrlReason('/releases?environment=%ED%A0%80') ?? '', /"environment"/);
    assert.match(badUrlReason('/releases/\xff\xfe') ?? '', /not valid UTF-8/);
  });

  test('a NUL byte in a parameter or segment, named', () => {
    assert.equal(
      badUrlReason('/api/v1/releases?environment=%00'),
      'Parameter "environment" contains a NUL byte.',
    );
    assert.match(badUrlReason('/tickets/1%00') ?? '', /path contains a NUL byte/);
  });
});
