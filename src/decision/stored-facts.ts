/**
 * Facts as stored with a decision. A decision carries several hundred registered features, most of them zero for
 * any one applicant (no loans elsewhere this week…); writing every zero made each record ~18 kB and the store the
 * bottleneck. Numeric zeros are left out when storing and put back from the field catalogue when reading, so a
 * replay or a backtest sees exactly the facts the decision saw.
 */
import type { FieldCatalog } from '../core/index.js';

export type Facts = Record<string, unknown>;

/** Marks a stored `input` whose facts omit numeric zeros. */
export const PACKED_FACTS = 'zeros-omitted';
/**
 * Marks facts of a decision that computed only the registered features its flows read: those are stored with
 * their zeros, other zeros are omitted, and a registered feature that is absent was not computed (it stays absent
 * when unpacked: null to a rule, missing to a model; the offline path recomputes it point-in-time, README).
 */
export const PACKED_FACTS_READ = 'zeros-omitted-features-as-computed';

/** Registered features (the feature registry's fields) are owned by `features/…`. */
const isRegisteredFeature = (owner: string | undefined) => owner !== undefined && owner.startsWith('features/');

/** Facts without numeric zeros, except the names in `keepZeros` (a partial feature computation's features). */
export function packFacts(facts: Facts, keepZeros?: ReadonlySet<string>): Facts {
  const out: Facts = {};
  for (const k in facts) {
    const v = facts[k];
    if (v !== 0 || keepZeros?.has(k)) out[k] = v;
  }
  return out;
}

export function unpackFacts(stored: Facts | null | undefined, catalog: FieldCatalog, packing?: unknown): Facts {
  const facts: Facts = { ...(stored ?? {}) };
  if (packing !== PACKED_FACTS && packing !== PACKED_FACTS_READ) return facts;
  const asComputed = packing === PACKED_FACTS_READ;
  for (const field of catalog.list()) {
    if (field.type !== 'number' || field.name in facts) continue;
    if (asComputed && isRegisteredFeature(field.owner)) continue;
    facts[field.name] = 0;
  }
  return facts;
}
