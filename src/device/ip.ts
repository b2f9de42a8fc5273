/**
 * IP intelligence we can compute ourselves: membership in importable CIDR lists (datacenter / hosting / known
 * proxy ranges) with a fast lookup — merged sorted intervals and binary search, IPv4 as 32-bit numbers, IPv6 as
 * BigInt — and the /24 network used by the association graph.
 */
import { ValidationError } from '../core/errors.js';

export function parseIpv4(ip: string): number | null {
  const parts = ip.trim().split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

export function parseIpv6(ip: string): bigint | null {
  let s = ip.trim().toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(':')) return null;
  // embedded IPv4 tail (::ffff:1.2.3.4)
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIpv4(tail);
    if (v4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...new Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return n;
}

/** `a.b.c.0/24` for an IPv4 address (the graph's IP entity); null for anything else. */
export function ipv4Network24(ip: string): string | null {
  const n = parseIpv4(ip);
  if (n === null) return null;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.0/24`;
}

export interface CidrSet {
  has(ip: string): boolean;
  /** Merged ranges held (after overlapping ranges were joined). */
  readonly ranges: number;
}

function mergeIntervals<T extends number | bigint>(list: [T, T][]): [T, T][] {
  list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [T, T][] = [];
  for (const [s, e] of list) {
    const last = out[out.length - 1];
    // adjacent or overlapping ranges join (end + 1 ≥ start)
    if (last && (typeof s === 'bigint' ? (last[1] as bigint) + 1n >= s : (last[1] as number) + 1 >= s)) {
      if (e > last[1]) last[1] = e;
    } else out.push([s, e]);
  }
  return out;
}

/**
 * Builds a set from CIDR lines (`203.0.113.0/24`, `2001:db8::/32`, bare addresses). Accepts a text export of a
 * provider list: blank lines and `#` comments are skipped, and for CSV only the first column is read.
 */
export function createCidrSet(lines: Iterable<string>): CidrSet {
  const v4: [number, number][] = [];
  const v6: [bigint, bigint][] = [];
  const issues: { path: string; message: string }[] = [];
  let lineNo = 0;
  for (const raw of lines) {
    lineNo++;
    const line = raw.split('#')[0]!.split(',')[0]!.trim();
    if (!line || /^(cidr|network|range|prefix)$/i.test(line)) continue;
    const [addr, bitsText] = line.split('/');
    const a4 = parseIpv4(addr!);
    if (a4 !== null) {
      const bits = bitsText === undefined ? 32 : Number(bitsText);
      if (!Number.isInteger(bits) || bits < 0 || bits > 32) {
        issues.push({ path: `line ${lineNo}`, message: 'prefix length must be 0–32' });
        continue;
      }
      const size = 2 ** (32 - bits);
      const start = Math.floor(a4 / size) * size;
      v4.push([start, start + size - 1]);
      continue;
    }
    const a6 = parseIpv6(addr!);
    if (a6 !== null) {
      const bits = bitsText === undefined ? 128 : Number(bitsText);
      if (!Number.isInteger(bits) || bits < 0 || bits > 128) {
        issues.push({ path: `line ${lineNo}`, message: 'prefix length must be 0–128' });
        continue;
      }
      const hostBits = BigInt(128 - bits);
      const start = (a6 >> hostBits) << hostBits;
      v6.push([start, start + (1n << hostBits) - 1n]);
      continue;
    }
    issues.push({ path: `line ${lineNo}`, message: 'not an IPv4/IPv6 address or CIDR range' });
  }
  if (issues.length) throw new ValidationError('invalid CIDR list', issues.slice(0, 20));
  const m4 = mergeIntervals(v4);
  const m6 = mergeIntervals(v6);
  const starts4 = Float64Array.from(m4.map((r) => r[0]));
  const ends4 = Float64Array.from(m4.map((r) => r[1]));
  const find = <T extends number | bigint>(starts: ArrayLike<T>, ends: ArrayLike<T>, x: T): boolean => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! > x) hi = mid - 1;
      else if (ends[mid]! < x) lo = mid + 1;
      else return true;
    }
    return false;
  };
  const starts6 = m6.map((r) => r[0]);
  const ends6 = m6.map((r) => r[1]);
  return {
    ranges: m4.length + m6.length,
    has(ip) {
      const a = parseIpv4(ip);
      if (a !== null) return find(starts4, ends4, a);
      const b = parseIpv6(ip);
      if (b === null) return false;
      // IPv4-mapped IPv6 (::ffff:a.b.c.d) is looked up as IPv4
      if (b >> 32n === 0xffffn) return find(starts4, ends4, Number(b & 0xffffffffn));
      return find(starts6, ends6, b);
    },
  };
}
