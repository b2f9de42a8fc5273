/**
 * List screening: the application's identifiers, as the identity step keyed them under the tenant key, against the
 * tenant's black, white and grey lists held in memory (one Map probe per identifier; no SQL on the hot path).
 * Black declines at once, grey leans to review, white opens the flow's fast lane.
 */
import type { ListHit, ListIndex, ListKind, ScreeningResult } from '../../rules/index.js';
import type { ApplicantIdentity } from '../applicant-identity.js';
import type { DecisionContext, Stage } from '../context.js';

/** Where the decision path finds a tenant's lists; implemented by the policy runtime. */
export interface ListSource {
  /** The tenant's list index, keyed by hash (built with `valuesAreHashed`), or undefined when it has no lists. */
  listIndex(tenantId: string): ListIndex | undefined;
}

/** Identifier facts: the fact name rules use (`applicant.phone in list('phone_black')`) and the list kind. */
export const IDENTIFIER_FACTS: ReadonlyArray<{
  fact: string;
  kind: ListKind;
  /** The identifier's keyed hash, undefined when the application does not carry it. */
  read(identity: ApplicantIdentity): string | undefined;
}> = [
  { fact: 'applicant.nationalId', kind: 'nationalId', read: (i) => i.nationalId },
  { fact: 'applicant.phone', kind: 'phone', read: (i) => i.phone },
  { fact: 'applicant.email', kind: 'email', read: (i) => i.email },
  { fact: 'applicant.bankCard', kind: 'card', read: (i) => i.card },
  { fact: 'applicant.employer', kind: 'employer', read: (i) => i.employer },
  { fact: 'device.deviceId', kind: 'deviceId', read: (i) => i.deviceId },
  { fact: 'ip', kind: 'ip', read: (i) => i.ip },
];

const kindCode = (kind: string) => kind.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

/** A list hit as a reason: names the list and the identifier type, never the value. */
export function listHitReason(hit: ListHit, weight: number) {
  return {
    code: `LIST_${hit.color.toUpperCase()}_${kindCode(hit.kind)}`,
    message: `${hit.kind} is on the ${hit.color} list ${hit.list}: ${hit.reason}`,
    values: { list: hit.list, kind: hit.kind, source: hit.source },
    source: 'list' as const,
    weight,
  };
}

/** The screening stored with a decision (`input.screening`): what replay re-uses instead of today's lists. */
export function screeningOf(ctx: DecisionContext): ScreeningResult | undefined {
  return ctx.record?.screening as ScreeningResult | undefined;
}

export function listsStage(source: ListSource): Stage {
  // Kinds the tenant keeps lists of, per index instance (an index is replaced, never mutated, when lists change).
  const kindsOf = new WeakMap<ListIndex, ReadonlySet<ListKind>>();
  const listedKinds = (index: ListIndex) => {
    let kinds = kindsOf.get(index);
    if (!kinds) {
      kinds = new Set(index.definitions.map((d) => d.kind));
      kindsOf.set(index, kinds);
    }
    return kinds;
  };
  return {
    name: 'lists',
    run(ctx: DecisionContext) {
      const index = source.listIndex(ctx.tenantId);
      const kinds = index ? listedKinds(index) : undefined;
      const ids: Array<{ kind: ListKind; value: string }> = [];
      // Keyed hashes go into the facts so flow rules can test membership and replays see the same values. Only
      // kinds the tenant lists are read: nothing else could match, and a kind no stage reads is never hashed.
      if (kinds && kinds.size > 0) {
        for (const d of IDENTIFIER_FACTS) {
          if (!kinds.has(d.kind)) continue;
          const h = d.read(ctx.identity);
          if (h === undefined) continue;
          ctx.facts[d.fact] = h;
          ids.push({ kind: d.kind, value: h });
        }
      }
      const r: ScreeningResult =
        index && ids.length > 0
          ? index.screen(ids, ctx.receivedAt.getTime())
          : { hits: [], black: false, white: false, grey: false };
      ctx.facts['list.white'] = r.white;
      ctx.facts['list.grey'] = r.grey;
      ctx.facts['list.hits'] = r.hits.length;
      (ctx.record ??= {}).screening = r;
      if (r.black) {
        for (const h of r.hits) if (h.color === 'black') ctx.reasons.push(listHitReason(h, 100));
        ctx.outcome = 'decline';
        ctx.halted = true;
        return;
      }
      for (const h of r.hits) ctx.reasons.push(listHitReason(h, h.color === 'grey' ? 55 : 5));
      if (r.grey && ctx.outcome !== 'decline') ctx.outcome = 'review';
    },
  };
}
