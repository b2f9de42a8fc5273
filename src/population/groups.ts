/**
 * Organised-fraud groups as a chunk sees them: a ring's pools of shared identifiers or a farm's device/image,
 * and which of the ring's identifiers each member carries.
 */
import type { PopulationConfig } from './config.js';
import { createRng, splitmix32 } from './prng.js';
import type * as ref from './reference.js';
import type { DeviceRow } from './types.js';

export interface DeviceState {
  row: DeviceRow;
  emitted: boolean;
}

export interface Ring {
  kind: 'ring';
  id: string;
  /** Seed of the per-member streams that decide which shared identifiers each member carries. */
  memberSeed: number;
  province: ref.Province;
  phones: string[];
  devices: DeviceState[];
  ipPrefixes: string[];
  contacts: Array<{ name: string; phone: string }>;
  employers: string[];
  addresses: string[];
}

export interface Farm {
  kind: 'farm';
  id: string;
  /** One physical/emulated device behind every account, or many device ids cloned from one emulator image. */
  device: DeviceState | undefined;
  image: { hash: string; model: ref.DeviceModel };
  ipPrefixes: string[];
}

export type Group = Ring | Farm;

interface RingLinks {
  /** Index into the ring's pool for each identifier kind, or -1 for the member's own. */
  phone: number;
  device: number;
  ip: number;
  contact: number;
  employer: number;
  address: number;
  sameUnit: boolean;
}

/** A member's own draws from the pools, with at least one strong identifier (phone, device, IP range, contact). */
function baseLinks(ring: Ring, member: number, s: PopulationConfig['fraud']['ringSharing']): RingLinks {
  const r = createRng(ring.memberSeed ^ splitmix32(member + 1));
  const draw = (p: number, pool: readonly unknown[]) => (r.next() < p ? r.int(0, pool.length - 1) : -1);
  const links: RingLinks = {
    phone: draw(s.phone, ring.phones),
    device: draw(s.device, ring.devices),
    ip: draw(s.ipRange, ring.ipPrefixes),
    contact: draw(s.contact, ring.contacts),
    employer: draw(s.employer, ring.employers),
    address: draw(s.address, ring.addresses),
    sameUnit: r.next() < 0.6,
  };
  if (links.phone < 0 && links.device < 0 && links.ip < 0 && links.contact < 0) {
    if (r.next() < 0.5) links.device = r.int(0, ring.devices.length - 1);
    else links.contact = r.int(0, ring.contacts.length - 1);
  }
  return links;
}

/**
 * Which shared identifiers a ring member carries: its own draws, plus one strong identifier copied from an
 * earlier member (member 1 from member 0), so every member is linked to another one. A pure function of the
 * ring and the member index: the same whichever chunk the member falls in.
 */
export function ringLinks(ring: Ring, member: number, s: PopulationConfig['fraud']['ringSharing']): RingLinks {
  const own = baseLinks(ring, member, s);
  if (member === 0) return own;
  const r = createRng(ring.memberSeed ^ splitmix32(0x4c494e4b + member));
  const other = baseLinks(ring, member === 1 ? 0 : r.int(0, member - 1), s);
  const strong = (['phone', 'device', 'ip', 'contact'] as const).filter((k) => other[k] >= 0);
  const kind = strong[r.int(0, strong.length - 1)]!;
  own[kind] = other[kind];
  return own;
}
