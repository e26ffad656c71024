import { isIP } from 'node:net';

/**
 * The client address a request is counted under.
 *
 * Without a proxy (IS_PROXIED=false) it is the TCP peer, whatever X-Forwarded-For says: anyone can send
 * that header. Behind proxies (IS_PROXIED=true), each of the `trustedProxies` proxies appends the address it
 * was connected from, so the address the nearest untrusted party cannot forge is the `trustedProxies`-th
 * entry from the right (nginx's `$proxy_add_x_forwarded_for` with one proxy: the right-most). Entries further
 * left are the client's own claims and are never used. This is koa's `ctx.ips` with `maxIpsCount` set to the
 * number of proxies, which server.ts configures likewise, made strict: several X-Forwarded-For headers, too
 * few entries, or an entry that is not a bare IP address mean the header did not come from our proxy as
 * expected, and the request is counted under the TCP peer — the proxy itself, a bucket shared by every such
 * request, which no client can leave by changing the header.
 *
 * IPv6 addresses are counted per /64, the block one customer line normally gets; IPv4-mapped IPv6
 * addresses (::ffff:1.2.3.4) as the IPv4 address.
 */

export type AddressInput = {
  /** The TCP peer (koa's ctx.req.socket.remoteAddress). */
  socketAddress: string | undefined;
  /** Every X-Forwarded-For header line as received (Node's req.headersDistinct). */
  forwardedFor: readonly string[] | undefined;
  proxied: boolean;
  /** How many proxies in front of the CMS append to X-Forwarded-For (1 for a single nginx). */
  trustedProxies: number;
};

/** The eight groups of an IPv6 address, or undefined when it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const dotted = text.slice(lastColon + 1);
  if (isIP(dotted) === 4) {
    const [a, b, c, d] = dotted.split('.').map(Number);
    tail = [(a << 8) | b, (c << 8) | d];
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  const groups = [...head, ...new Array<number>(fill).fill(0), ...rest];
  if (groups.length !== 8 || groups.some((group) => !Number.isInteger(group) || group < 0 || group > 0xffff)) return undefined;
  if (tail.length === 2) groups.splice(6, 2, ...tail);
  return groups;
}

/** The bucket name of a valid IP address: IPv4 as it is, IPv6 as its /64. */
export function addressBucket(address: string): string | undefined {
  const bare = address.replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 4) return bare;
  if (version !== 6) return undefined;
  const groups = ipv6Groups(bare.toLowerCase());
  if (!groups) return undefined;
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** The address to count a request under (see above). */
export function clientAddress(input: AddressInput): string {
  const peer = (input.socketAddress && addressBucket(input.socketAddress)) || 'unknown';
  if (!input.proxied) return peer;
  const headers = input.forwardedFor ?? [];
  if (headers.length === 0) return peer;
  if (headers.length > 1) return peer;
  const entries = headers[0].split(',').map((entry) => entry.trim());
  if (input.trustedProxies < 1 || entries.length < input.trustedProxies) return peer;
  return addressBucket(entries[entries.length - input.trustedProxies]) ?? peer;
}

/**
 * Whether the CMS sits behind trusted proxies (IS_PROXIED) and how many (TRUSTED_PROXY_COUNT), as
 * config/server.ts hands them to Koa; an invalid count stops the start.
 */
export function proxySettings(strapi: { config: { get<T>(path: string): T } }): { proxied: boolean; trustedProxies: number } {
  const proxied = strapi.config.get<boolean | undefined>('server.proxy.koa') === true;
  const trustedProxies = strapi.config.get<number | undefined>('server.proxy.maxIpsCount') ?? 1;
  if (!Number.isInteger(trustedProxies) || trustedProxies < 1 || trustedProxies > 10) {
    throw new Error(`TRUSTED_PROXY_COUNT must be a whole number from 1 to 10 (got ${trustedProxies})`);
  }
  return { proxied, trustedProxies };
}
