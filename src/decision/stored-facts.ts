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

export function packFacts(facts: Facts): Facts {
  const out: Facts = {};
  for (const k in facts) {
    const v = facts[k];
    if (v !== 0) out[k] = v;
  }
  return out;
}

export function unpackFacts(stored: Facts | null | undefined, catalog: FieldCatalog, packing?: unknown): Facts {
  const facts: Facts = { ...(stored ?? {}) };
  if (packing !== PACKED_FACTS) return facts;
  for (const field of catalog.list()) {
    if (field.type === 'number' && !(field.name in facts)) facts[field.name] = 0;
  }
  return facts;
}
