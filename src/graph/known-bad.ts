/**
 * Known-bad evidence for the graph, point in time: each piece carries the moment it became known — a loan's first
 * day at 30+ DPD (or a charge-off, by the delinquency definition in core/delinquency), an identifier's day on a black
 * list (which is where review cases confirmed as fraud put them) — and marks the graph only once the application
 * being scored was submitted at or after it. Deciding a past application (the demo book's history, a replay) thus
 * sees only what the lender knew on its submission day, and the facts stored with the decision — which training
 * reads — hold no label from its future.
 *
 * The graph has no un-marking, so time only moves forward: the log applies evidence up to the latest submission
 * it has seen, and an application submitted earlier than that (out of order) may see a mark from its few hours'
 * future. A listed identifier that later expires keeps the marks it made.
 */
import type { AssociationGraph, GraphLink } from './association-graph.js';

export interface KnownBadEvent {
  /** Epoch ms from which it is known. */
  at: number;
  applicationId?: string;
  /** Keyed hash of an identifier: every application carrying it is known bad. */
  hash?: string;
  /** Epoch ms at which a list entry stopped counting (expiry). */
  until?: number;
}

export class KnownBadLog {
  private events: KnownBadEvent[] = [];
  private next = 0;
  private readonly apps = new Set<string>();
  private readonly hashes = new Set<string>();
  /** The latest time applied (epoch ms). */
  watermark = -Infinity;
  /** When the events were read (epoch ms): later evidence needs a re-read. */
  readAt = -Infinity;

  constructor(events: readonly KnownBadEvent[], readAt: number) {
    this.replace(events, readAt);
  }

  /** Applies to `graph` every event known by `at`. */
  advance(graph: AssociationGraph, at: number): void {
    if (!(at > this.watermark)) return;
    this.watermark = at;
    while (this.next < this.events.length && this.events[this.next]!.at <= at) {
      const e = this.events[this.next++]!;
      if (e.until !== undefined && e.until <= at) continue;
      if (e.applicationId !== undefined) {
        this.apps.add(e.applicationId);
        graph.markBad(e.applicationId);
      }
      if (e.hash !== undefined) {
        this.hashes.add(e.hash);
        graph.markEntityBad(e.hash);
      }
    }
  }

  /** Whether an application added now is known bad by the evidence applied so far. */
  marks(applicationId: string, links: readonly GraphLink[]): boolean {
    return this.apps.has(applicationId) || links.some((l) => this.hashes.has(l.hash));
  }

  /** A fresh read of the evidence; what is known up to the watermark is applied again (marks are idempotent). */
  refresh(graph: AssociationGraph, events: readonly KnownBadEvent[], readAt: number): void {
    const watermark = this.watermark;
    this.replace(events, readAt);
    this.advance(graph, watermark);
  }

  private replace(events: readonly KnownBadEvent[], readAt: number): void {
    this.events = [...events].sort((a, b) => a.at - b.at);
    this.next = 0;
    this.watermark = -Infinity;
    this.readAt = readAt;
  }
}
