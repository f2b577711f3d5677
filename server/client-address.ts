import { isIP } from 'node:net';

/**
 * Who the client is, for the per-address sign-in throttle (server/main.ts records it on every request).
 *
 * Behind `TRUST_PROXY=N` reverse proxies, each proxy appends the address it saw to X-Forwarded-For, so the
 * right-most N entries (with the socket's peer, the last proxy) are written by proxies we trust and the
 * client is the entry N places from the right. Everything left of it was written by the client and is
 * ignored: taking the first entry would let a client pick any address, its own for nothing and someone
 * else's to get them throttled. Without TRUST_PROXY the header is ignored and the socket's peer is the client.
 *
 * IPv6 clients are keyed by their /64: one subscriber line or host usually holds a whole /64, so counting
 * single IPv6 addresses would give an attacker billions of fresh addresses.
 */

/** The number of proxies in front of the site, from TRUST_PROXY: unset or "0" none, "1" one (nginx), "2" two... */
export function trustedProxyHops(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 0;
  if (!/^\d$/.test(value.trim())) throw new Error(`TRUST_PROXY must be the number of reverse proxies in front of the site (0-9), not "${value}"`);
  return Number(value.trim());
}

/** The client's address as the nearest of `hops` trusted proxies saw it, or the socket's peer. */
export function clientAddressOf(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, hops: number): string {
  const peer = socketAddress ?? '';
  if (hops === 0) return peer;
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // The chain as the site sees it: what the proxies recorded, then the last proxy itself.
  const chain = [...listed, peer];
  // Fewer entries than proxies: the request skipped a proxy; the furthest entry is the best there is.
  const client = chain[Math.max(chain.length - 1 - hops, 0)] ?? peer;
  return isIP(client) ? client : peer;
}

/** Expands an IPv6 address to its eight groups (no zone, IPv4 tail turned into two groups), or null. */
function ipv6Groups(address: string): number[] | null {
  const text = address.replace(/%.*$/, '');
  if (isIP(text) !== 6) return null;
  const [head = '', tail] = text.split('::') as [string, string | undefined];
  const ipv4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  const toGroups = (part: string) => {
    const withoutV4 = ipv4Tail && part.endsWith(ipv4Tail[0]) ? part.slice(0, -ipv4Tail[0].length).replace(/:$/, '') : part;
    const groups = withoutV4 === '' ? [] : withoutV4.split(':').map((group) => parseInt(group, 16));
    if (ipv4Tail && part.endsWith(ipv4Tail[0])) {
      const [a, b, c, d] = ipv4Tail.slice(1).map(Number) as [number, number, number, number];
      groups.push((a << 8) | b, (c << 8) | d);
    }
    return groups;
  };
  const before = toGroups(head);
  if (tail === undefined) return before;
  const after = toGroups(tail);
  return [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
}

/** The key the throttle counts a client under: an IPv4 address as it is, an IPv6 address's /64. */
export function addressKey(address: string): string {
  const groups = ipv6Groups(address);
  if (!groups) return address;
  // An IPv4 client seen on a dual-stack socket (::ffff:192.0.2.1) is that IPv4 address.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}
