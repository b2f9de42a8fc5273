/**
 * In-memory list index: one Map per list from keyed hash to entry, so membership is one HMAC plus one O(1) probe.
 * Implements the expression language's ListLookup, and screens an application's identifiers in one call.
 */
import { hashIdentifier } from '../../core/identifiers.js';
import { ValidationError } from '../../core/errors.js';
import type { ListLookup } from '../expr/runtime.js';
import type { ListColor, ListDefinition, ListEntry, ListHit, ListKind } from './types.js';

export interface ListIndexOptions {
  /** HMAC key for identifiers (deriveKey(master, 'identifiers')). */
  key: Buffer;
  /** Values given to `has`/`screen` are already keyed hashes (e.g. replayed facts), not clear identifiers. */
  valuesAreHashed?: boolean;
}

export interface ScreeningResult {
  hits: ListHit[];
  black: boolean;
  white: boolean;
  grey: boolean;
}

export interface ListIndex extends ListLookup {
  readonly definitions: readonly ListDefinition[];
  add(entry: ListEntry): void;
  remove(list: string, hash: string): boolean;
  /** Entry for a clear (or pre-hashed) value if present and not expired at `nowMs`. */
  find(list: string, value: string, nowMs: number): ListEntry | undefined;
  /** Check identifiers against every list of their kind. Black wins over white: a whitelisted fraudster is not waved through. */
  screen(
    identifiers: ReadonlyArray<{ kind: ListKind; value: string | null | undefined }>,
    nowMs: number,
  ): ScreeningResult;
  size(list?: string): number;
}

interface Slot {
  def: ListDefinition;
  entries: Map<string, { entry: ListEntry; expiresMs: number }>;
}

export function createListIndex(
  definitions: readonly ListDefinition[],
  entries: Iterable<ListEntry>,
  options: ListIndexOptions,
): ListIndex {
  const slots = new Map<string, Slot>();
  const byKind = new Map<ListKind, Slot[]>();
  for (const def of definitions) {
    if (slots.has(def.name))
      throw new ValidationError(`list ${def.name} is defined twice`, [
        { path: def.name, message: 'duplicate list name' },
      ]);
    const slot: Slot = { def, entries: new Map() };
    slots.set(def.name, slot);
    const group = byKind.get(def.kind) ?? [];
    group.push(slot);
    byKind.set(def.kind, group);
  }
  const hash = options.valuesAreHashed
    ? (_kind: ListKind, value: string) => value
    : (kind: ListKind, value: string) => hashIdentifier(options.key, kind, value);

  const slotOf = (list: string): Slot => {
    const s = slots.get(list);
    if (!s) throw new ValidationError(`unknown list ${list}`, [{ path: 'list', message: `no list named ${list}` }]);
    return s;
  };

  const index: ListIndex = {
    definitions,
    add(entry) {
      const expiresMs = entry.expiresAt === null ? Infinity : Date.parse(entry.expiresAt);
      slotOf(entry.list).entries.set(entry.hash, { entry, expiresMs });
    },
    remove: (list, h) => slotOf(list).entries.delete(h),
    find(list, value, nowMs) {
      const slot = slots.get(list);
      if (!slot) return undefined;
      const e = slot.entries.get(hash(slot.def.kind, value));
      return e && e.expiresMs > nowMs ? e.entry : undefined;
    },
    has: (list, value, nowMs) => index.find(list, value, nowMs) !== undefined,
    screen(identifiers, nowMs) {
      const hits: ListHit[] = [];
      for (const { kind, value } of identifiers) {
        if (value === null || value === undefined || value === '') continue;
        const group = byKind.get(kind);
        if (!group) continue;
        const h = hash(kind, value);
        for (const slot of group) {
          const e = slot.entries.get(h);
          if (e && e.expiresMs > nowMs) {
            hits.push({
              list: slot.def.name,
              kind,
              color: slot.def.color,
              reason: e.entry.reason,
              source: e.entry.source,
              expiresAt: e.entry.expiresAt,
            });
          }
        }
      }
      const has = (c: ListColor) => hits.some((x) => x.color === c);
      return { hits, black: has('black'), white: has('white'), grey: has('grey') };
    },
    size: (list) => (list ? slotOf(list).entries.size : [...slots.values()].reduce((n, s) => n + s.entries.size, 0)),
  };
  for (const e of entries) index.add(e);
  return index;
}
