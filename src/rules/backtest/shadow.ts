/**
 * Champion–challenger: deterministic traffic split and comparison of stored decision pairs. The challenger's
 * result is stored beside the champion's but never answered.
 */
import type { Outcome } from '../flow/types.js';

export interface DecisionSummary {
  outcome: Outcome;
  score: number | null;
  limit: number | null;
  price: number | null;
}

export interface ShadowComparison {
  pairs: number;
  /** agreement[champion][challenger] counts, outcomes as keys. */
  agreement: Record<Outcome, Record<Outcome, number>>;
  agreementRate: number;
  rates: Record<'champion' | 'challenger', Record<Outcome, number>>;
  /** challenger minus champion, over pairs where both have a value. */
  meanScoreDelta: number | null;
  meanLimitDelta: number | null;
  meanPriceDelta: number | null;
  /** Pairs the challenger would approve and the champion declined, and the reverse. */
  challengerOnlyApprovals: number;
  championOnlyApprovals: number;
}

const OUT: Outcome[] = ['approve', 'review', 'decline'];

export function compareShadow(
  pairs: Iterable<{ champion: DecisionSummary; challenger: DecisionSummary }>,
): ShadowComparison {
  const agreement = Object.fromEntries(
    OUT.map((o) => [o, Object.fromEntries(OUT.map((p) => [p, 0]))]),
  ) as ShadowComparison['agreement'];
  const deltas = { score: [0, 0], limit: [0, 0], price: [0, 0] };
  let n = 0;
  let same = 0;
  let challengerOnly = 0;
  let championOnly = 0;
  for (const { champion, challenger } of pairs) {
    n++;
    agreement[champion.outcome][challenger.outcome]++;
    if (champion.outcome === challenger.outcome) same++;
    if (challenger.outcome === 'approve' && champion.outcome !== 'approve') challengerOnly++;
    if (champion.outcome === 'approve' && challenger.outcome !== 'approve') championOnly++;
    for (const k of ['score', 'limit', 'price'] as const) {
      const a = champion[k];
      const b = challenger[k];
      if (a !== null && b !== null) {
        deltas[k][0]! += b - a;
        deltas[k][1]!++;
      }
    }
  }
  const rate = (side: 'champion' | 'challenger') =>
    Object.fromEntries(
      OUT.map((o) => [
        o,
        n ? OUT.reduce((s, p) => s + (side === 'champion' ? agreement[o][p] : agreement[p][o]), 0) / n : 0,
      ]),
    ) as Record<Outcome, number>;
  const mean = (k: keyof typeof deltas) => (deltas[k][1]! ? deltas[k][0]! / deltas[k][1]! : null);
  return {
    pairs: n,
    agreement,
    agreementRate: n ? same / n : 0,
    rates: { champion: rate('champion'), challenger: rate('challenger') },
    meanScoreDelta: mean('score'),
    meanLimitDelta: mean('limit'),
    meanPriceDelta: mean('price'),
    challengerOnlyApprovals: challengerOnly,
    championOnlyApprovals: championOnly,
  };
}

/**
 * Percentage split: the same application always lands on the same side (FNV-1a of salt + id), so retries and
 * replays agree without storing the assignment first.
 */
export function inChallengerSplit(applicationId: string, percent: number, salt = ''): boolean {
  if (percent <= 0) return false;
  if (percent >= 100) return true;
  let h = 0x811c9dc5;
  const s = salt + '\0' + applicationId;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) % 10_000) / 100 < percent;
}
