/**
 * Placement of organised fraud in the application stream: a ring or farm, once opened, books its members at
 * future positions (a burst over days), kept in a min-heap by position. Memory is bounded by the groups open
 * at one time, not by the size of the population.
 */

export interface Slot<G> {
  position: number;
  group: G;
}

export class SlotHeap<G> {
  private readonly items: Slot<G>[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Slot<G> | undefined {
    return this.items[0];
  }

  push(slot: Slot<G>): void {
    const a = this.items;
    a.push(slot);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]!.position <= slot.position) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = slot;
  }

  pop(): Slot<G> | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let mPos = last.position;
      if (l < a.length && a[l]!.position < mPos) {
        m = l;
        mPos = a[l]!.position;
      }
      if (r < a.length && a[r]!.position < mPos) m = r;
      if (m === i) break;
      a[i] = a[m]!;
      i = m;
    }
    a[i] = last;
    return top;
  }
}

/** Probability mass of sizes min..max proportional to size^-exponent, and its mean. */
export function truncatedPareto(min: number, max: number, exponent: number): { weights: number[]; mean: number } {
  const weights: number[] = [];
  let total = 0;
  let mean = 0;
  for (let s = min; s <= max; s++) {
    const w = s ** -exponent;
    weights.push(w);
    total += w;
    mean += w * s;
  }
  return { weights, mean: mean / total };
}
