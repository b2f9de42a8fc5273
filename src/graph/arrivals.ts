/**
 * Applications join the graph point in time: each stored row (imported history, a decision) carries its
 * submission time and is added only once the application being scored was submitted at or after it. Deciding the
 * past (the demo book's first start, a replay) thus links an application only to those submitted up to it — never
 * to a ring member who applied a week later — and the graph features stored with the decision, which training
 * reads, hold nothing from its future (as known-bad.ts does for labels).
 *
 * The graph has no removal, so time only moves forward: rows up to the latest submission seen are in, and an
 * application submitted earlier than that (out of order) may see a few hours of its future. A row without a
 * readable submission time is taken as already past.
 */
import type { AssociationGraph } from './association-graph.js';
import type { KnownBadLog } from './known-bad.js';
import type { GraphRow } from './repository.js';
import { linksFromSnapshot } from './snapshot-links.js';

/** Epoch ms of a row's submission (−∞ when it has none: added at once). */
export function submittedAtOf(row: GraphRow): number {
  const at = Date.parse(row.snapshot.submittedAt ?? '');
  return Number.isNaN(at) ? -Infinity : at;
}

/**
 * Adds one stored application. Idempotent: an application already in the graph gains only links it did not have,
 * and its known-bad mark — so a row the feed hands over twice, or this node's own decision read back, adds nothing.
 */
export function addRow(graph: AssociationGraph, row: GraphRow, knownBad?: KnownBadLog): void {
  const id = row.snapshot.applicationId;
  if (!id) return;
  const links = linksFromSnapshot(row.snapshot);
  graph.addApplication({ applicationId: id, links, bad: row.bad || (knownBad?.marks(id, links) ?? false) });
}

export class ArrivalLog {
  /** Rows not yet added, in submission order, from `next` on. */
  private waiting: Array<{ at: number; row: GraphRow }> = [];
  private next = 0;
  /** The latest submission time applied (epoch ms). */
  watermark = -Infinity;

  /** Rows from the store: added now when submitted by the watermark, else kept until a decision reaches them. */
  offer(graph: AssociationGraph, rows: readonly GraphRow[], knownBad?: KnownBadLog): void {
    let sorted = true;
    for (const row of rows) {
      const at = submittedAtOf(row);
      if (at <= this.watermark) {
        addRow(graph, row, knownBad);
        continue;
      }
      const last = this.waiting.at(-1);
      if (last && last.at > at) sorted = false;
      this.waiting.push({ at, row });
    }
    if (!sorted) {
      this.waiting = this.waiting.slice(this.next).sort((a, b) => a.at - b.at);
      this.next = 0;
    }
  }

  /** Adds every row submitted by `at`; returns how many it added. */
  advance(graph: AssociationGraph, at: number, knownBad?: KnownBadLog): number {
    if (!(at > this.watermark)) return 0;
    this.watermark = at;
    const from = this.next;
    while (this.next < this.waiting.length && this.waiting[this.next]!.at <= at)
      addRow(graph, this.waiting[this.next++]!.row, knownBad);
    const added = this.next - from;
    // drop what was added once it is most of the array (one decision adds a row or two)
    if (this.next > 1024 && this.next * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.next);
      this.next = 0;
    }
    return added;
  }

  /** Rows still in the future of the watermark. */
  get pending(): number {
    return this.waiting.length - this.next;
  }
}
