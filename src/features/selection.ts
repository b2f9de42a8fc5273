/**
 * Which registered features a decision computes. A decision computes what its live flows (champion, challengers,
 * shadows), their models and the post-loan triggers read — a selection — not all 539. A selection is compiled once
 * per set of names (the live flows change on publish, not per decision): the velocity specs to read, the
 * multi-lender entities to walk, and a record builder of a fixed shape for exactly those names.
 *
 * Counting is not reading: every decision still records every velocity counter (the counter update after commit
 * plans all specs), so a flow published later reads windows that are complete.
 */
import type { FeatureValues } from './engine.js';
import { PER_ENTITY } from './multilender/definitions.js';
import type { FeatureRegistry } from './registry.js';

export interface FeatureSelection {
  /** Registry positions, ascending. */
  readonly positions: Int32Array;
  readonly names: readonly string[];
  /** Velocity specs with at least one selected window. */
  readonly specs: readonly boolean[];
  /** Multi-lender entities (national id, phone) with at least one selected feature. */
  readonly entities: readonly [boolean, boolean];
  /** Every registered feature is selected. */
  readonly all: boolean;
  /** Vector → record of the selected names only (NaN = null); one object shape per selection. */
  toRecord(vector: Float64Array): FeatureValues;
}

function compileBuilder(names: readonly string[], positions: Int32Array): (v: Float64Array) => FeatureValues {
  const fields = names.map((n, i) => {
    const p = positions[i]!;
    return `${JSON.stringify(n)}: v[${p}] !== v[${p}] ? null : v[${p}]`;
  });
  return new Function('v', `return {\n${fields.join(',\n')}\n};`) as (v: Float64Array) => FeatureValues;
}

/** A selection of the registered names among `names` (other names — application facts, model outputs — ignored). */
export function selectFeatures(registry: FeatureRegistry, names: Iterable<string>): FeatureSelection {
  const index = positionsOf(registry);
  const picked = new Set<number>();
  for (const n of names) {
    const p = index.get(n);
    if (p !== undefined) picked.add(p);
  }
  const positions = Int32Array.from([...picked].sort((a, b) => a - b));
  const nw = registry.velocityWindows.length;
  const specs = registry.velocitySpecs.map(() => false);
  const entities: [boolean, boolean] = [false, false];
  for (const p of positions) {
    if (p < registry.multilenderOffset) specs[Math.floor((p - registry.velocityOffset) / nw)] = true;
    else entities[Math.floor((p - registry.multilenderOffset) / PER_ENTITY)] = true;
  }
  const selectedNames = [...positions].map((p) => registry.names[p]!);
  return {
    positions,
    names: selectedNames,
    specs,
    entities,
    all: positions.length === registry.size,
    toRecord: compileBuilder(selectedNames, positions),
  };
}

/** Name → registry position (built per call: selections are compiled on publish, not per decision). */
function positionsOf(registry: FeatureRegistry): Map<string, number> {
  return new Map(registry.names.map((n, i) => [n, i]));
}
