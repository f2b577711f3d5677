import { describe, expect, it } from 'vitest';
import { addressKey, clientAddressOf, trustedProxyHops } from './client-address';

describe('clientAddressOf', () => {
  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(clientAddressOf('203.0.113.9', '198.51.100.1', 0)).toBe('198.51.100.1');
  });

  it('takes the address the trusted proxy saw, not what the client wrote before it', () => {
    // nginx's $proxy_add_x_forwarded_for appends the address it saw to whatever the client sent.
    expect(clientAddressOf('203.0.113.9, 198.51.100.7', '127.0.0.1', 1)).toBe('198.51.100.7');
    expect(clientAddressOf('198.51.100.7', '127.0.0.1', 1)).toBe('198.51.100.7');
    expect(clientAddressOf(['203.0.113.9', '198.51.100.7'], '127.0.0.1', 1)).toBe('198.51.100.7');
  });

  it('counts TRUST_PROXY=N hops from the right', () => {
    // client → CDN (appends the client) → nginx (appends the CDN) → site
    expect(clientAddressOf('6.6.6.6, 198.51.100.7, 192.0.2.50', '127.0.0.1', 2)).toBe('198.51.100.7');
    // Fewer entries than proxies: the furthest one there is.
    expect(clientAddressOf('198.51.100.7', '127.0.0.1', 3)).toBe('198.51.100.7');
  });

  it('falls back to the socket’s peer when there is no header, or the trusted entry is not an address', () => {
    expect(clientAddressOf(undefined, '127.0.0.1', 1)).toBe('127.0.0.1');
    expect(clientAddressOf('', '127.0.0.1', 1)).toBe('127.0.0.1');
    expect(clientAddressOf('1.2.3.4, not-an-address', '127.0.0.1', 1)).toBe('127.0.0.1');
    expect(clientAddressOf('x', undefined, 1)).toBe('');
  });
});

describe('addressKey', () => {
  it('keys IPv4 clients by their address', () => {
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
  });

  it('keys IPv6 clients by their /64, however the address is written', () => {
    const key = '2001:db8:1:2::/64';
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0DB8:0001:0002:0:0:0:9', '2001:db8:1:2::a%eth0', '2001:db8:1:2:0:0:1.2.3.4']) {
      expect(addressKey(address), address).toBe(key);
    }
    expect(addressKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('2001:db8::')).toBe('2001:db8:0:0::/64');
  });

  it('leaves anything else as it is', () => {
    expect(addressKey('unknown')).toBe('unknown');
  });
});

describe('trustedProxyHops', () => {
  it('reads TRUST_PROXY as a number of proxies', () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops('')).toBe(0);
    expect(trustedProxyHops('0')).toBe(0);
    expect(trustedProxyHops('1')).toBe(1);
    expect(trustedProxyHops('2')).toBe(2);
    expect(() => trustedProxyHops('true')).toThrow(/number of reverse proxies/);
  });
});
