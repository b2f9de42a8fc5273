/**
 * Dense ids for a table's identifier hashes, exact, without touching any string but the one looked up. A keyed
 * hash is 43 ASCII characters, 301 bits: the interner packs them losslessly into eleven 28-bit words and
 * keeps those words in its open-addressing table, so a lookup reads the identifier once and one table slot — never
 * the heap string a slot was first assigned for (with 53-bit keys checked against that string, the check was the
 * cache miss that cost most of the interning). Two identifiers share an id only if all 43 characters are equal, as
 * in the online store's string-keyed counters. Anything else (another length, a character outside ASCII) takes
 * a Map. Nothing is cached in the strings themselves (a Map would leave V8's string hash behind, making a second
 * export of the same table look cheaper than the first).
 */
const CHARS = 43;
/** Four 7-bit character codes a word. */
const WORDS = Math.ceil(CHARS / 4);
/** A slot: id + 1 (0 = empty), then the words. */
const STRIDE = WORDS + 1;

export interface Interner {
  id(value: string): number;
  readonly count: number;
}

export function createInterner(expected = 1024): Interner {
  let cap = 16;
  while (cap < expected * 2) cap *= 2;
  let table = new Int32Array(cap * STRIDE);
  const words = new Int32Array(WORDS);
  let other: Map<string, number> | undefined;
  let count = 0;

  /** Packs `v` into `words`, losslessly; false when it is not 43 ASCII characters. */
  function pack(v: string): boolean {
    if (v.length !== CHARS) return false;
    let high = 0;
    let i = 0;
    for (let k = 0; k < WORDS; k++) {
      const end = k === WORDS - 1 ? CHARS : i + 4;
      let w = 0;
      for (; i < end; i++) {
        const code = v.charCodeAt(i);
        high |= code;
        w = (w << 7) | code;
      }
      words[k] = w;
    }
    return high < 128;
  }

  function slotOf(w: Int32Array, from: number, mask: number): number {
    let h = 0x811c9dc5;
    for (let k = 0; k < WORDS; k++) h = Math.imul(h ^ w[from + k]!, 0x9e3779b1);
    return (h ^ (h >>> 15)) & mask;
  }

  function grow(): void {
    const old = table;
    cap *= 2;
    table = new Int32Array(cap * STRIDE);
    const mask = cap - 1;
    for (let s = 0; s < old.length; s += STRIDE) {
      if (old[s] === 0) continue;
      let j = slotOf(old, s + 1, mask);
      while (table[j * STRIDE] !== 0) j = (j + 1) & mask;
      table.set(old.subarray(s, s + STRIDE), j * STRIDE);
    }
  }

  return {
    id(v) {
      if (pack(v)) {
        const mask = cap - 1;
        let j = slotOf(words, 0, mask);
        for (;;) {
          const s = j * STRIDE;
          const stored = table[s]!;
          if (stored === 0) {
            table[s] = count + 1;
            table.set(words, s + 1);
            if ((count + 1) * 2 > cap) grow();
            return count++;
          }
          let k = 0;
          while (k < WORDS && table[s + 1 + k] === words[k]) k++;
          if (k === WORDS) return stored - 1;
          j = (j + 1) & mask;
        }
      }
      other ??= new Map();
      let id = other.get(v);
      if (id === undefined) other.set(v, (id = count++));
      return id;
    },
    get count() {
      return count;
    },
  };
}
