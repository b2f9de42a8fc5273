/**
 * Rule-based collection priority (a transparent C-card): each rule adds points, the queue is worked highest first.
 * Points are explainable ("M3 +40, broken promise ×2 +16") and tuned by the collections team, not fitted; a fitted
 * C-card can replace `rules` with model points later without changing the queue.
 */
import type { CollectionCase } from './case.js';

export interface PriorityRule {
  id: string;
  description: string;
  points: (c: CollectionCase, day: number) => number;
}

export interface PriorityScore {
  caseId: string;
  score: number;
  reasons: { rule: string; points: number }[];
}

const bucketPoints = [0, 10, 25, 40, 50, 55, 60, 30]; // M7+ drops: written off, goes to recovery/agency

export const DEFAULT_PRIORITY_RULES: PriorityRule[] = [
  {
    id: 'bucket',
    description: 'delinquency bucket',
    points: (c) => bucketPoints[Math.min(7, c.dpd <= 0 ? 0 : Math.floor(c.dpd / 30) + 1)]!,
  },
  {
    id: 'amount',
    description: 'overdue amount (log scale, up to 20)',
    points: (c) => Math.min(20, Math.max(0, Math.round(5 * Math.log10(Math.max(1, c.overdueAmount)) - 5))),
  },
  {
    id: 'broken_promises',
    description: '8 per broken promise (up to 24)',
    points: (c) => Math.min(24, 8 * c.brokenPromises),
  },
  {
    id: 'overdue_elsewhere',
    description: 'overdue at another lender: collect first',
    points: (c) => (c.overdueElsewhere ? 15 : 0),
  },
  {
    id: 'unreachable',
    description: 'three or more failed contacts: skip-trace',
    points: (c) => (c.failedContacts >= 3 ? 10 : 0),
  },
  {
    id: 'low_bscore',
    description: 'behaviour score below 550',
    points: (c) => (c.bscore !== undefined && c.bscore < 550 ? 10 : 0),
  },
  {
    id: 'promise_pending',
    description: 'a promise to pay is not yet due: leave alone',
    points: (c, day) => (c.status === 'promised' && c.promise && c.promise.dueDay >= day ? -40 : 0),
  },
];

export function priorityOf(c: CollectionCase, day: number, rules = DEFAULT_PRIORITY_RULES): PriorityScore {
  const reasons: { rule: string; points: number }[] = [];
  let score = 0;
  for (const r of rules) {
    const p = r.points(c, day);
    if (p !== 0) reasons.push({ rule: r.id, points: p });
    score += p;
  }
  return { caseId: c.caseId, score, reasons: reasons.sort((a, b) => Math.abs(b.points) - Math.abs(a.points)) };
}

/** Open and promised cases, highest priority first; ties broken by overdue amount then case id (stable). */
export function orderQueue(cases: CollectionCase[], day: number, rules = DEFAULT_PRIORITY_RULES) {
  return cases
    .filter((c) => c.status === 'open' || c.status === 'promised')
    .map((c) => ({ case: c, priority: priorityOf(c, day, rules) }))
    .sort(
      (a, b) =>
        b.priority.score - a.priority.score ||
        b.case.overdueAmount - a.case.overdueAmount ||
        (a.case.caseId < b.case.caseId ? -1 : a.case.caseId > b.case.caseId ? 1 : 0),
    );
}

export interface Agent {
  agentId: string;
  /** Most cases the agent can hold. */
  capacity: number;
  /** DPD range the agent works (early collections vs late/legal). */
  minDpd: number;
  maxDpd: number;
}

export interface Assignment {
  caseId: string;
  agentId: string | null;
}

/**
 * Assign cases in priority order. A case keeps its current agent while that agent still works its DPD range and
 * has room (continuity with the borrower); otherwise it goes to the eligible agent with the most free capacity.
 * Cases no one can take stay unassigned (agentId null) — the queue shows them as overflow.
 */
export function assignQueue(ordered: { case: CollectionCase }[], agents: Agent[]): Assignment[] {
  const load = new Map(agents.map((a) => [a.agentId, 0]));
  const eligible = (a: Agent, c: CollectionCase) =>
    c.dpd >= a.minDpd && c.dpd <= a.maxDpd && load.get(a.agentId)! < a.capacity;
  const out: Assignment[] = [];
  // First pass: keep sticky assignments, highest priority first, so continuity never starves a higher case.
  const sticky = new Map<string, string>();
  for (const { case: c } of ordered) {
    const current = agents.find((a) => a.agentId === c.assignedTo);
    if (current && eligible(current, c)) {
      sticky.set(c.caseId, current.agentId);
      load.set(current.agentId, load.get(current.agentId)! + 1);
    }
  }
  for (const { case: c } of ordered) {
    let agentId = sticky.get(c.caseId) ?? null;
    if (!agentId) {
      let best: Agent | undefined;
      for (const a of agents)
        if (eligible(a, c) && (!best || a.capacity - load.get(a.agentId)! > best.capacity - load.get(best.agentId)!))
          best = a;
      if (best) {
        agentId = best.agentId;
        load.set(best.agentId, load.get(best.agentId)! + 1);
      }
    }
    out.push({ caseId: c.caseId, agentId });
  }
  return out;
}
