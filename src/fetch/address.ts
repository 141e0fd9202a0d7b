/**
 * Which IP addresses a fetch may connect to. Private, loopback, link-local and other non-public
 * ranges are refused (SSRF), in both families and in every IPv6 spelling of an IPv4 address
 * (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16).
 */
import { isIP } from 'node:net';

/** IPv4 ranges that are not public unicast: [network, prefix length, name]. */
const V4_BLOCKED: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function v4ToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3];
}

function v4Blocked(ip: string): string | null {
  const n = v4ToInt(ip);
  for (const [net, len, name] of V4_BLOCKED) {
    const mask = len === 0 ? 0 : (~0 << (32 - len)) >>> 0;
    if (((n & mask) >>> 0) === ((v4ToInt(net) & mask) >>> 0)) return name;
  }
  return null;
}

/** An IPv6 address as 8 16-bit groups (handles ::, and a dotted IPv4 tail); null if malformed. */
export function v6Groups(ip: string): number[] | null {
  let s = ip.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    // a dotted IPv4 tail becomes two hex groups
    if (isIP(last) !== 4) return null;
    const n = v4ToInt(last);
    s = `${s.slice(0, lastColon + 1)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) => (h ? h.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)) : []);
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const have = head.length + rest.length;
  if (head.some(Number.isNaN) || rest.some(Number.isNaN)) return null;
  if (halves.length === 1 && have !== 8) return null;
  if (halves.length === 2 && have > 7) return null;
  const zeros = halves.length === 2 ? new Array(8 - have).fill(0) : [];
  return [...head, ...zeros, ...rest];
}

const v4FromGroups = (a: number, b: number) => `${a >> 8}.${a & 0xff}.${b >> 8}.${b & 0xff}`;

function v6Blocked(ip: string): string | null {
  const g = v6Groups(ip);
  if (!g) return 'malformed';
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (g.every((x) => x === 0)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  // IPv4-mapped ::ffff:a.b.c.d and IPv4-compatible ::a.b.c.d → judge the IPv4 address
  if (zeroUpTo(5) && g[5] === 0xffff) return v4Blocked(v4FromGroups(g[6], g[7])) ?? null;
  if (zeroUpTo(6)) return v4Blocked(v4FromGroups(g[6], g[7])) ?? 'IPv4-compatible';
  // NAT64 64:ff9b::/96 embeds an IPv4 address
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4Blocked(v4FromGroups(g[6], g[7]));
  // 6to4 2002:AABB:CCDD::/48 embeds one too
  if (g[0] === 0x2002) return v4Blocked(v4FromGroups(g[1], g[2]));
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique local (fc00::/7)';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local (fe80::/10)';
  if ((g[0] & 0xffc0) === 0xfec0) return 'site-local (fec0::/10)';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation';
  if (g[0] === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return 'discard-only';
  return null;
}

/**
 * Why an address may not be connected to ("loopback", "private"…), or null for a public address.
 * Anything that is not a well-formed IP address is refused too.
 */
export function blockedReason(ip: string): string | null {
  const fam = isIP(ip.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (fam === 4) return v4Blocked(ip);
  if (fam === 6) return v6Blocked(ip);
  return 'not an IP address';
}

export const isPublicAddress = (ip: string): boolean => blockedReason(ip) === null;
