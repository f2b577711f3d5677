import ipaddr from 'ipaddr.js';

/**
 * Which addresses a webhook may be sent to (ADR 0025). A webhook URL is typed by an admin but fetched by
 * the server, from inside the network: without a check it would reach the database's admin port, a cloud's
 * metadata service (169.254.169.254, fd00:ec2::254) or a router's page (server-side request forgery).
 * Only global unicast addresses are allowed: ipaddr.js names every special range (loopback, private,
 * link-local, unique-local, multicast, carrier-grade NAT, documentation, 6to4, Teredo, NAT64...), and
 * anything it does not call 'unicast' is refused. An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is
 * judged as the IPv4 address it carries.
 */

/** Why an address is refused, or null when a webhook may go there. */
export function forbiddenAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return `“${address}” is not an IP address`;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? null : `${parsed.toString()} is a ${range} address`;
}

/** Whether private addresses are allowed (WEBHOOKS_ALLOW_PRIVATE=1: an operator's setting, for tests and intranets). */
export const privateAddressesAllowed = (env: Readonly<Record<string, string | undefined>> = process.env): boolean => env.WEBHOOKS_ALLOW_PRIVATE === '1';

/** The URL's host as a bare name or address (an IPv6 literal without its brackets). */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * What is wrong with a webhook URL as typed (null: nothing). Checked when it is saved; its addresses are
 * checked again at every send, since a name can point elsewhere by then.
 */
export function webhookUrlProblem(raw: string, allowPrivate: boolean = privateAddressesAllowed()): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter a full address, like https://example.com/hooks/news.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Only http:// and https:// addresses can receive webhooks.';
  if (url.username || url.password) return 'Leave the user name and password out of the address (the signature proves who sent it).';
  if (raw.length > 2_000) return 'The address can be at most 2,000 characters.';
  const host = hostOf(url);
  if (!allowPrivate) {
    if (ipaddr.isValid(host)) {
      const reason = forbiddenAddressReason(host);
      if (reason) return `Refused: ${reason}. Webhooks go only to public addresses.`;
    } else if (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.')) {
      return 'Refused: that name is local to this server. Webhooks go only to public addresses.';
    }
  }
  return null;
}
