// Which writes count as possibly forged: cookie-carrying, non-GET, without a
// bearer token, and not both same-origin and JSON.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crossSiteRefusal } from './cross-site';

const ORIGINS = ['https://helmdeck.example', 'http://127.0.0.1:3000'];

function req(method: string, headers: Record<string, string>): Request {
  return new Request('https://helmdeck.example/api/v1/tickets', { method, headers });
}

describe('cross-site writes', () => {
  const cookie = { cookie: 'better-auth.session_token=abc' };
  const json = { 'content-type': 'application/json' };

  test('a foreign Origin with a cookie is refused, naming the way that works', () => {
    const why = crossSiteRefusal(
      req('POST', { ...cookie, ...json, origin: 'https://evil.example' }),
      ORIGINS,
    );
    assert.match(why ?? '', /Cross-site request refused.*Authorization: Bearer/);
  });

  test('a same-origin text/plain body with a cookie is refused', () => {
    const why = crossSiteRefusal(
      req('POST', { ...cookie, origin: 'https://helmdeck.example', 'content-type': 'text/plain' }),
      ORIGINS,
    );
    assert.match(why ?? '', /application\/json/);
  });

  test('same-origin JSON passes, by Origin or by Sec-Fetch-Site', () => {
    assert.equal(
      crossSiteRefusal(
        req('PUT', { ...cookie, ...json, origin: 'https://helmdeck.example' }),
        ORIGINS,
      ),
      null,
    );
    assert.equal(
      crossSiteRefusal(
        req('POST', { ...cookie, ...json, 'sec-fetch-site': 'same-origin' }),
        ORIGINS,
      ),
      null,
    );
    assert.notEqual(
      crossSiteRefusal(req('POST', { ...cookie, ...json, 'sec-fetch-site': 'same-site' }), ORIGINS),
      null,
    );
    assert.notEqual(
      crossSiteRefusal(req('POST', { ...cookie, ...json, origin: 'null' }), ORIGINS),
      null,
    );
  });

  test('bearer tokens, reads and cookie-less requests are left alone', () => {
    const foreign = { origin: 'https://evil.example', 'content-type': 'text/plain' };
    assert.equal(
      crossSiteRefusal(req('POST', { ...cookie, ...foreign, authorization: 'Bearer x' }), ORIGINS),
      null,
    );
    assert.equal(crossSiteRefusal(req('GET', { ...cookie, ...foreign }), ORIGINS), null);
    assert.equal(crossSiteRefusal(req('POST', foreign), ORIGINS), null);
  });

  test('sign-in endpoints check even without a cookie', () => {
    const foreign = { origin: 'https://evil.example', ...json };
    assert.notEqual(crossSiteRefusal(req('POST', foreign), ORIGINS, { withoutCookie: true }), null);
  });
});
