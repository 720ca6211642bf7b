// Which peers may speak for the client. X-Forwarded-For/Host/Proto are
// written by whoever sends the request, so they mean something only when the
// TCP peer is a proxy the operator named in HELMDECK_TRUSTED_PROXIES
// (comma-separated IPs and CIDRs, IPv4 or IPv6). Everyone else is the client.
import { BlockList, isIP } from 'node:net';

export type TTrustedProxies = { list: BlockList; empty: boolean };

/** Strips the IPv4-mapped prefix node reports for IPv4 peers on a dual-stack socket. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

/** Parses "10.0.0.0/8, 192.168.1.5, fd00::/8"; throws naming the entry that is neither an IP nor a CIDR. */
export function parseTrustedProxies(spec: string | undefined): TTrustedProxies {
  const list = new BlockList();
  let empty = true;
  for (const raw of (spec ?? '').split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const [address = '', prefixText] = entry.split('/');
    const family = isIP(address);
    const prefix = prefixText === undefined ? undefined : Number(prefixText);
    const max = family === 6 ? 128 : 32;
    if (
      family === 0 ||
      (prefixText !== undefined &&
        (!/^\d{1,3}$/.test(prefixText) || prefix === undefined || prefix > max))
    )
      throw new Error(
        `HELMDECK_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR (e.g. 10.0.0.0/8)`,
      );
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
    empty = false;
  }
  return { list, empty };
}

export function isTrustedProxy(proxies: TTrustedProxies, address: string): boolean {
  if (proxies.empty) return false;
  const ip = normaliseAddress(address);
  const family = isIP(ip);
  if (family === 0) return false;
  return proxies.list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the peer itself unless it is a trusted proxy, then
 * walking X-Forwarded-For from the right past every trusted hop, so an entry
 * the client wrote on the left is never taken.
 */
export function clientAddress(
  proxies: TTrustedProxies,
  peer: string,
  forwardedFor: string | undefined,
): string {
  let current = normaliseAddress(peer);
  if (!isTrustedProxy(proxies, current) || !forwardedFor) return current;
  const hops = forwardedFor
    .split(',')
    .map((h) => normaliseAddress(h))
    .filter((h) => h !== '');
  while (hops.length > 0 && isTrustedProxy(proxies, current)) {
    const next = hops.pop() ?? '';
    if (isIP(next) === 0) break; // a garbled entry: stop at the last proxy we trust
    current = next;
  }
  return current;
}
