import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createAuditLog } from '../../src/audit/index.js';
import {
  compileTriggerSet,
  createSqlTriggerHistory,
  createSqlTriggerSetRepository,
  createSqlEventLog,
  createTriggerSets,
  DEFAULT_TRIGGER_SET,
  parseTriggerSet,
  runTriggerBacktest,
  TriggerSetValidationError,
  type TriggerSetDocument,
} from '../../src/monitoring/index.js';
import { storeFactories } from '../support/stores.js';
import { ev, loanElsewhere } from './helpers.js';

/** Two loans elsewhere in 30 days instead of three in a week; the stock set without multi_borrowing_7d. */
function tuned(): TriggerSetDocument {
  return {
    description: 'tighter multi-borrowing',
    triggers: [
      ...structuredClone(DEFAULT_TRIGGER_SET.triggers).filter((t) => t.id !== 'multi_borrowing_7d'),
      {
        id: 'two_loans_30d',
        name: 'Two new loans elsewhere in 30 days',
        severity: 'medium',
        when: "event.kind == 'loan' and consortium.loans_30d >= 2",
        reason: '{consortium.loans_30d} new loans elsewhere in 30 days',
        on: ['consortium'],
        actions: ['reduce'],
      },
    ],
  };
}

const problems = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TriggerSetValidationError);
    return (e as TriggerSetValidationError).problems;
  }
  throw new Error('expected a TriggerSetValidationError');
};

describe('trigger-set documents', () => {
  it('parses YAML and JSON and compiles the stock set', () => {
    const text = stringify(tuned());
    expect(parseTriggerSet({ text })).toEqual(tuned());
    expect(parseTriggerSet({ document: tuned() })).toEqual(tuned());
    expect(compileTriggerSet(DEFAULT_TRIGGER_SET).map((t) => t.id)).toContain('multi_borrowing_7d');
  });

  it('reports every problem at once: schema paths, conditions by line and column, placeholders, duplicate ids', () => {
    expect(problems(() => parseTriggerSet({ document: { triggers: [{ id: 'X' }] } })).map((p) => p.path)).toEqual(
      expect.arrayContaining(['/triggers/0/id', '/triggers/0/name', '/triggers/0/when']),
    );
    expect(problems(() => parseTriggerSet({ text: 'triggers: [\n  {id: ' }))[0]!.path).toMatch(/^text:\d+:\d+$/);
    expect(problems(() => parseTriggerSet({}))[0]!.message).toMatch(/document or as text/);
    const doc = tuned();
    doc.triggers[0]!.when = "event.outcome == 'unreachable' and\n  contact.unreachable_3d >= 2";
    doc.triggers[1]!.reason = 'missed {consortium.loans_7}';
    doc.triggers.push({ ...doc.triggers[2]! });
    const found = problems(() => compileTriggerSet(doc));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: '/triggers/0/when',
          line: 2,
          column: 3,
          suggestion: 'contact.unreachable_30d',
        }),
        expect.objectContaining({ path: '/triggers/1/reason', suggestion: 'consortium.loans_7d' }),
        expect.objectContaining({ path: `/triggers/${doc.triggers.length - 1}/id` }),
      ]),
    );
    expect(() =>
      compileTriggerSet(parseTriggerSet({ document: { triggers: [{ ...tuned().triggers[0]!, when: 'event.dpd' }] } })),
    ).toThrow(/boolean/);
  });
});

describe('trigger backtest (pure)', () => {
  it('replays events through both sets and compares alerts, borrowers and outcomes', async () => {
    const events = [
      loanElsewhere(0, 'm1', 'b1'),
      loanElsewhere(10, 'm2', 'b1'), // b1: 2 loans in 30 days, never 3 in a week
      loanElsewhere(0, 'm1', 'b2'),
      loanElsewhere(2, 'm2', 'b2'),
      loanElsewhere(4, 'm3', 'b2'), // b2: 3 in a week
      ev('contact', 5, { outcome: 'number_disconnected' }, 'b3'),
    ];
    const at = (day: number) => Date.parse('2024-06-01T09:00:00Z') + day * 86_400_000;
    const r = await runTriggerBacktest({
      candidate: { label: 'draft v1', triggers: compileTriggerSet(tuned()) },
      baseline: { label: 'stock triggers', triggers: compileTriggerSet(DEFAULT_TRIGGER_SET) },
      events,
      // b1 went bad on day 40 (after its alert), b2 on day 1 (before any alert), b4 has no events
      outcomes: new Map([
        ['b1', at(40)],
        ['b2', at(1)],
        ['b4', at(3)],
      ]),
    });
    expect(r).toMatchObject({ events: 6, borrowers: 3, badBorrowers: 2, onlyCandidate: 1, onlyBaseline: 0 });
    const byId = (arm: typeof r.candidate) => Object.fromEntries(arm.triggers.map((t) => [t.triggerId, t]));
    expect(byId(r.candidate).two_loans_30d).toMatchObject({ alerts: 3, borrowers: 2, badAfterAlert: 1 }); // b2 again after the cooldown
    expect(byId(r.baseline).multi_borrowing_7d).toMatchObject({ alerts: 1, borrowers: 1, badAfterAlert: 0 });
    expect(r.candidate).toMatchObject({ borrowers: 3, freezes: 1, reductions: 3, badAfterAlert: 1, recall: 0.5 });
    expect(r.baseline).toMatchObject({ borrowers: 2, freezes: 1, reductions: 1, badAfterAlert: 0, recall: 0 });
    expect(r.from).toBe(new Date(at(0)).toISOString());
    expect(r.to).toBe(new Date(at(10)).toISOString());
  });
});

describe.each(storeFactories)('trigger sets in the store ($kind)', (factory) => {
  let store: Awaited<ReturnType<typeof factory.open>>;
  beforeAll(async () => {
    if (!factory.unavailable) store = await factory.open();
  });
  afterAll(async () => store?.dispose());

  it.skipIf(factory.unavailable)(
    'versions, publishes, retires, rolls back and audits; other tenants keep the stock set',
    async () => {
      const sets = createTriggerSets({
        repo: createSqlTriggerSetRepository(store.db),
        history: createSqlTriggerHistory(store.db),
      });
      expect(await sets.live('t1')).toMatchObject({ version: null, stock: true });
      expect(sets.forTenant('t1').map((t) => t.id)).toContain('multi_borrowing_7d');

      const ana = { id: 'user:ana', human: 'usr_ana' };
      const boss = { id: 'user:boss', human: 'usr_boss' };
      const v1 = await sets.saveDraft('t1', { text: stringify(tuned()) }, ana, 'two in a month');
      const v2 = await sets.saveDraft('t1', { document: DEFAULT_TRIGGER_SET }, ana);
      expect([v1.version, v2.version, v1.status]).toEqual([1, 2, 'draft']);
      await expect(sets.saveDraft('t1', { document: { triggers: [] } }, ana)).rejects.toThrow(
        TriggerSetValidationError,
      );
      expect((await sets.versions('t1')).map((v) => v.version)).toEqual([2, 1]);

      // four eyes: not by its author, not by a key no person owns
      await expect(sets.publish('t1', 1, { id: 'key:k2', human: 'usr_ana' })).rejects.toThrow(/other than its author/);
      await expect(sets.publish('t1', 1, { id: 'key:boot', human: null })).rejects.toThrow(/by a person/);
      await sets.publish('t1', 1, boss, 'tighter after the March losses');
      expect(sets.forTenant('t1').map((t) => t.id)).toContain('two_loans_30d');
      expect(sets.forTenant('t1').map((t) => t.id)).not.toContain('multi_borrowing_7d');
      expect(sets.forTenant('t2').map((t) => t.id)).toContain('multi_borrowing_7d');
      await expect(sets.publish('t1', 1, boss)).rejects.toThrow(/already live/);
      await expect(sets.publish('t1', 9, boss)).rejects.toThrow(/version 9/);

      await sets.publish('t1', 2, boss, 'back to stock');
      await sets.publish('t1', 1, boss, 'rollback');
      expect((await sets.versions('t1')).map((v) => [v.version, v.status])).toEqual([
        [2, 'retired'],
        [1, 'published'],
      ]);
      expect((await sets.live('t1')).version).toBe(1);

      // another node sees the publish on refresh
      const other = createTriggerSets({ repo: createSqlTriggerSetRepository(store.db) });
      expect(other.forTenant('t1').map((t) => t.id)).toContain('multi_borrowing_7d');
      await other.refresh();
      expect(other.forTenant('t1').map((t) => t.id)).toContain('two_loans_30d');

      const audit = createAuditLog(store.db);
      const entries = (await audit.list('t1', { action: 'triggers.' })).items;
      expect(entries.map((e) => [e.action, e.subject, e.actor])).toEqual([
        ['triggers.publish', 'triggers:1', 'user:boss'],
        ['triggers.publish', 'triggers:2', 'user:boss'],
        ['triggers.publish', 'triggers:1', 'user:boss'],
        ['triggers.draft', 'triggers:2', 'user:ana'],
        ['triggers.draft', 'triggers:1', 'user:ana'],
      ]);
      expect(entries[2]!.detail).toMatchObject({
        replaces: 'stock triggers',
        comment: 'tighter after the March losses',
      });
      expect(entries[1]!.detail).toMatchObject({ replaces: 1 });
      expect((await audit.verify('t1')).ok).toBe(true);
    },
  );

  it.skipIf(factory.unavailable)(
    'backtests a version on the outbox history, window counted back from the newest event',
    async () => {
      const log = createSqlEventLog(store.db, 't3');
      const shift = (e: ReturnType<typeof loanElsewhere>) => ({ ...e, tenantId: 't3' });
      for (const e of [
        loanElsewhere(0, 'm1', 'b1'),
        loanElsewhere(10, 'm2', 'b1'),
        loanElsewhere(200, 'm1', 'b2'),
        loanElsewhere(201, 'm2', 'b2'),
        loanElsewhere(202, 'm3', 'b2'),
      ])
        await log.append(shift(e));
      const sets = createTriggerSets({
        repo: createSqlTriggerSetRepository(store.db),
        history: createSqlTriggerHistory(store.db),
      });
      const v = await sets.saveDraft('t3', { document: tuned() }, { id: 'user:ana', human: 'usr_ana' });
      const recent = await sets.backtest('t3', v.version, { days: 90 });
      expect(recent).toMatchObject({ events: 3, borrowers: 1, onlyCandidate: 0, onlyBaseline: 0 });
      expect(recent.baseline.label).toBe('stock triggers');
      const all = await sets.backtest('t3', v.version, { days: 365 });
      expect(all).toMatchObject({ events: 5, borrowers: 2, onlyCandidate: 1 });
      await expect(sets.backtest('t3', v.version, { days: 0 })).rejects.toThrow(/days/);
    },
  );
});
