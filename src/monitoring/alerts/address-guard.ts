/**
 * Where a webhook may connect. A tenant's admin names the receiver's URL, so without a guard riskloop would POST on
 * their behalf into the operator's own network (the metadata service at 169.254.169.254, a database on 10.x, an
 * admin port on loopback). Addresses in private, loopback, link-local, shared (CGNAT), unique-local, multicast,
 * reserved and unspecified ranges are refused unless the operator allows them (RISKLOOP_WEBHOOK_ALLOW_PRIVATE: `true`,
 * or a list of CIDRs). The check runs on the resolved address the connection then uses (the socket's `lookup`), so
 * a name that resolves to a public address when checked and a private one when connecting (DNS rebinding) cannot
 * slip through.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const RESERVED_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const RESERVED_V6: [string, number][] = [
  ['::', 96], // unspecified, loopback, and the deprecated IPv4-compatible ::a.b.c.d
  ['64:ff9b::', 96], // NAT64: reaches IPv4 addresses (checked separately below)
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const reserved = new BlockList();
for (const [a, p] of RESERVED_V4) reserved.addSubnet(a, p, 'ipv4');
for (const [a, p] of RESERVED_V6) reserved.addSubnet(a, p, 'ipv6');

/** Whether `address` (an IP literal) is in a range a webhook may not reach by default. */
export function isReservedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true; // not an address at all: refuse rather than guess
  // IPv4-mapped IPv6 (::ffff:a.b.c.d) is matched against the IPv4 ranges by BlockList itself
  return reserved.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** What the operator allows beyond public addresses: everything (`true`) or these CIDRs. */
export type PrivateAllowance = boolean | readonly string[];

export function parsePrivateAllowance(text: string | undefined): PrivateAllowance {
  const t = (text ?? '').trim();
  if (t === '' || t === 'false') return false;
  if (t === 'true') return true;
  const cidrs = t.split(',').map((s) => s.trim());
  for (const c of cidrs) {
    const [addr, bits] = c.split('/');
    const family = isIP(addr ?? '');
    const max = family === 6 ? 128 : 32;
    if (family === 0 || !/^\d{1,3}$/.test(bits ?? '') || Number(bits) > max)
      throw new Error(`RISKLOOP_WEBHOOK_ALLOW_PRIVATE: "${c}" is not a CIDR (e.g. 10.20.0.0/16), true or false`);
  }
  return cidrs;
}

export class ForbiddenAddressError extends Error {
  readonly code = 'EWEBHOOKADDRESS';
  constructor(host: string, address: string) {
    super(
      `webhook host ${host} resolves to ${address}, a private, loopback or link-local address; ` +
        'an operator may allow it with RISKLOOP_WEBHOOK_ALLOW_PRIVATE',
    );
  }
}

export interface AddressGuard {
  /** Throws ForbiddenAddressError when `address` may not be reached. */
  check(host: string, address: string): void;
  /** A socket `lookup` that resolves, checks every address it returns, and hands the checked ones to the socket. */
  lookup: LookupFunction;
}

export function createAddressGuard(allow: PrivateAllowance = false): AddressGuard {
  const allowed = new BlockList();
  if (Array.isArray(allow))
    for (const c of allow) {
      const [addr, bits] = c.split('/');
      allowed.addSubnet(addr!, Number(bits), isIP(addr!) === 6 ? 'ipv6' : 'ipv4');
    }
  const permitted = (address: string) => {
    if (allow === true || !isReservedAddress(address)) return true;
    return allowed.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  };
  const check = (host: string, address: string) => {
    if (!permitted(address)) throw new ForbiddenAddressError(host, address);
  };
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      // every address the name has must be allowed: a connection attempt may fall through to any of them
      try {
        for (const a of addresses) check(hostname, a.address);
      } catch (e) {
        return callback(e as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
  return { check, lookup };
}
