// X-Forwarded-For is believed only as far as the hops are proxies the
// operator named; a client cannot name its own address.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clientAddress, isTrustedProxy, parseTrustedProxies } from './trusted-proxies';

describe('trusted proxies', () => {
  const proxies = parseTrustedProxies('10.0.0.0/8, 192.168.1.5, fd00::/8');

  test('IPs and CIDRs of both families are trusted, IPv4-mapped peers included', () => {
    assert.equal(isTrustedProxy(proxies, '10.1.2.3'), true);
    assert.equal(isTrustedProxy(proxies, '::ffff:10.1.2.3'), true);
    assert.equal(isTrustedProxy(proxies, '192.168.1.5'), true);
    assert.equal(isTrustedProxy(proxies, '192.168.1.6'), false);
    assert.equal(isTrustedProxy(proxies, 'fd00::1'), true);
    assert.equal(isTrustedProxy(proxies, '127.0.0.1'), false);
  });

  test('without HELMDECK_TRUSTED_PROXIES the peer is the client, whatever X-Forwarded-For says', () => {
    const none = parseTrustedProxies(undefined);
    assert.equal(clientAddress(none, '203.0.113.9', '1.2.3.4'), '203.0.113.9');
    assert.equal(clientAddress(none, '::ffff:127.0.0.1', '1.2.3.4'), '127.0.0.1');
  });

  test('behind trusted proxies the client is the rightmost untrusted hop', () => {
    // The client wrote 1.2.3.4 itself; the proxies appended the real address.
    assert.equal(
      clientAddress(proxies, '10.0.0.2', '1.2.3.4, 198.51.100.7, 10.0.0.1'),
      '198.51.100.7',
    );
    assert.equal(clientAddress(proxies, '10.0.0.2', undefined), '10.0.0.2');
    assert.equal(clientAddress(proxies, '10.0.0.2', 'not-an-ip'), '10.0.0.2');
  });

  test('an entry that is neither an IP nor a CIDR is refused by name', () => {
    assert.throws(() => parseTrustedProxies('10.0.0.0/8, proxy.internal'), /"proxy\.internal"/);
    assert.throws(() => parseTrustedProxies('10.0.0.0/33'), /"10\.0\.0\.0\/33"/);
  });
});
