/**
 * De-identification of a stored application snapshot (pure). What is left answers "what was decided and why" —
 * product, amount, term, channel, declared income, device risk flags — and nothing that points back to the person:
 * every identifier hash, the birth date, the address, employer, contacts, device id, session, IP and geo are gone.
 */

const DEVICE_KEPT = new Set([
  'platform',
  'osVersion',
  'emulator',
  'rooted',
  'proxy',
  'vpn',
  'hooked',
  'debugger',
  'mockLocation',
  'tampered',
]);
const TOP_DROPPED = new Set(['ipHash', 'ip24Hash', 'ip', 'geo']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export function scrubSnapshot(snapshot: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(snapshot)) {
    if (TOP_DROPPED.has(k)) continue;
    if (k === 'applicant') {
      out.applicant = { erased: true };
    } else if (k === 'device') {
      if (isObject(v)) out.device = pick(v, DEVICE_KEPT);
    } else out[k] = v;
  }
  return out;
}

function pick(o: Json, keep: Set<string>): Json {
  return Object.fromEntries(Object.entries(o).filter(([k]) => keep.has(k)));
}

/** Every identifier hash a snapshot carries (the person's own and their contacts'), for scrubbing and checks. */
export function snapshotHashes(snapshot: Json): string[] {
  const found: string[] = [];
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string' && /Hash$/.test(key)) found.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(snapshot, '');
  return [...new Set(found)];
}

/** The person's own identifier hashes (not contacts', employer's or network's, which other people share). */
export function ownHashes(snapshot: Json): string[] {
  const a = isObject(snapshot.applicant) ? snapshot.applicant : {};
  return [a.nationalIdHash, a.phoneHash, a.emailHash, a.bankCardHash].filter((x): x is string => typeof x === 'string');
}

/** Remove any string equal to one of `values` anywhere in a JSON document (facts and records the pipeline kept). */
export function dropValues(doc: unknown, values: ReadonlySet<string>): unknown {
  if (typeof doc === 'string') return values.has(doc) ? null : doc;
  if (Array.isArray(doc)) return doc.map((x) => dropValues(x, values));
  if (isObject(doc)) return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, dropValues(v, values)]));
  return doc;
}
