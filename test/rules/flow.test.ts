import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compileFlow,
  createDraft,
  decisionFingerprint,
  diffFlows,
  FlowValidationError,
  liveVersions,
  parseFlowDocument,
  publishVersion,
  replayDecision,
  type FlowDocument,
  type ModelScorer,
} from '../../src/rules/index.js';
import { cleanFacts, flowCatalog, testLists } from './flow-catalog.js';

const text = readFileSync(new URL('./fixtures/consumer-loan.yaml', import.meta.url), 'utf8');
const doc = parseFlowDocument(text, 'consumer-loan.yaml');
const lists = testLists();
const listNames = lists.definitions.map((d) => d.name);
const flow = compileFlow(doc, { catalog: flowCatalog, listNames, version: 3 });
const now = Date.parse('2024-05-01T12:05:00Z');
const clone = <T>(x: T): T => structuredClone(x);

describe('flow validation', () => {
  it('reports every bad expression with stage, rule, line and column', () => {
    const bad = clone(doc);
    const fraud = bad.stages[1]!;
    if (fraud.type !== 'rules') throw new Error('fixture');
    fraud.rules[0]!.when = 'ml_org_1m >= 6';
    fraud.rules[1]!.when = "application.channel == 'affiliate'\n  and hour(application.submittedAt) < 'six'";
    let err: FlowValidationError | undefined;
    try {
      compileFlow(bad, { catalog: flowCatalog, listNames });
    } catch (e) {
      err = e as FlowValidationError;
    }
    expect(err).toBeInstanceOf(FlowValidationError);
    expect(err!.problems).toEqual([
      expect.objectContaining({
        path: '/stages/1/rules/0/when',
        stage: 'fraud',
        rule: 'F01',
        line: 1,
        column: 1,
        suggestion: 'ml_orgs_1m',
      }),
      expect.objectContaining({ path: '/stages/1/rules/1/when', stage: 'fraud', rule: 'F02', line: 2, column: 7 }),
    ]);
    expect(err!.issues[0]!.message).toMatch(
      /^stage 'fraud', rule 'F01', line 1, column 1: unknown field 'ml_org_1m'; did you mean 'ml_orgs_1m'\?/,
    );
  });

  it('checks structure, duplicates, score-adjust, strategy fields and message templates', () => {
    const bad = clone(doc) as FlowDocument;
    const knockout = bad.stages[0]!;
    if (knockout.type !== 'rules') throw new Error('fixture');
    knockout.rules.push({ ...knockout.rules[0]!, message: 'age {{ applicant.agee }}' });
    knockout.rules.push({ id: 'K02', name: 'x', when: 'true', action: 'score-adjust', reasonCode: 'X', message: 'x' });
    bad.strategy!.limit!.incomeField = 'applicant.incom';
    const err = (() => {
      try {
        compileFlow(bad, { catalog: flowCatalog, listNames });
      } catch (e) {
        return e as FlowValidationError;
      }
    })();
    const paths = err!.problems.map((p) => `${p.path} ${p.message}`);
    expect(paths).toEqual([
      expect.stringMatching(/^\/stages\/0\/rules\/1\/id duplicate rule id/),
      expect.stringMatching(
        /^\/stages\/0\/rules\/1\/message unknown field 'applicant.agee'; did you mean 'applicant.age'/,
      ),
      expect.stringMatching(/^\/stages\/0\/rules\/2\/adjust/),
      expect.stringMatching(
        /^\/strategy\/limit\/incomeField unknown field 'applicant.incom'; did you mean 'applicant.income'/,
      ),
    ]);
    expect(() => compileFlow({ ...doc, stages: [] }, { catalog: flowCatalog })).toThrow(/stages/);
    expect(() => compileFlow({ ...doc, extra: 1 }, { catalog: flowCatalog })).toThrow(/unknown field/);
  });

  it('parses JSON as well as YAML and reports YAML syntax errors with a position', () => {
    expect(parseFlowDocument(JSON.stringify(doc))).toEqual(doc);
    expect(() => parseFlowDocument('stages: [\n  - id: x', 'f.yaml')).toThrow(/not valid YAML/);
  });
});

describe('flow evaluation', () => {
  it('approves a clean application with score, band, limit and price', () => {
    const r = flow.evaluate(cleanFacts(), now, { lists });
    expect(r).toMatchObject({
      flowId: 'consumer-loan',
      flowVersion: 3,
      outcome: 'approve',
      score: 720,
      band: 'A',
      price: 0.12,
      firedRules: [],
      fastLane: false,
    });
    expect(r.limit).toBe(20000); // capped at the requested amount
    expect(r.reasons.every((x) => !x.principal)).toBe(true);
    expect(r.stagesRun).toEqual(['knockout', 'fraud', 'credit']);
    expect(r.evaluatedAt).toBe('2024-05-01T12:05:00.000Z');
  });

  it('fires rules with the values that made them fire and stops at a decline', () => {
    const f = cleanFacts();
    f.ml_orgs_1m = 8;
    f.application.channel = 'affiliate';
    f.application.submittedAt = '2024-05-01T03:00:00Z';
    const r = flow.evaluate(f, now, { lists });
    expect(r.outcome).toBe('decline');
    expect(r.firedRules).toEqual([
      {
        ruleId: 'F01',
        name: 'Many lenders in a month',
        stageId: 'fraud',
        action: 'decline',
        reasonCode: 'ML_ORGS_1M',
        message: 'applied to 8 lenders in 30 days',
        values: { ml_orgs_1m: 8 },
      },
      expect.objectContaining({
        ruleId: 'F02',
        message: 'affiliate application at 3h',
        values: { 'application.channel': 'affiliate', 'application.submittedAt': '2024-05-01T03:00:00.000Z' },
      }),
    ]);
    expect(r.stagesRun).toEqual(['knockout', 'fraud']);
    expect(r.limit).toBeNull();
    expect(r.reasons.slice(0, 2).map((x) => [x.code, x.rank, x.principal])).toEqual([
      ['ML_ORGS_1M', 1, true],
      ['NIGHT_AFFILIATE', 2, true],
    ]);
  });

  it('adjusts the score, bands it, and marks at most four principal reasons', () => {
    const f = cleanFacts();
    f.application.amount = 150000;
    f.overdue_elsewhere = true;
    const r = flow.evaluate(f, now, { lists });
    expect(r.score).toBe(600);
    expect(r.band).toBe('C');
    expect(r.outcome).toBe('review');
    expect(r.firedRules.map((x) => x.ruleId)).toEqual(['C01', 'C02']);
    expect(r.firedRules[0]!.message).toBe('amount is 15× monthly income');
    expect(r.reasons.map((x) => x.code).slice(0, 3)).toEqual(['SCORE_BAND_REVIEW', 'OVERDUE_ELSEWHERE', 'HIGH_DTI']);
    expect(r.reasons.filter((x) => x.principal).length).toBeLessThanOrEqual(4);
    expect(r.reasons.filter((x) => x.principal).map((x) => x.code)).toEqual([
      'SCORE_BAND_REVIEW',
      'OVERDUE_ELSEWHERE',
      'HIGH_DTI',
    ]);
    expect(r.price).toBe(0.24);
  });

  it('declines a blacklisted phone at once without running any stage', () => {
    const f = cleanFacts();
    f.applicant.phone = '138-0000-0001';
    const r = flow.evaluate(f, now, { lists });
    expect(r.outcome).toBe('decline');
    expect(r.stagesRun).toEqual([]);
    expect(r.reasons[0]).toMatchObject({
      code: 'LIST_BLACK_PHONE',
      principal: true,
      source: 'list',
      values: { list: 'phone_black', source: 'manual' },
    });
    expect(JSON.stringify(r)).not.toContain('13800000001');
  });

  it('fast-lanes a whitelisted phone past skippable stages', () => {
    const f = cleanFacts();
    f.applicant.phone = '13800000002';
    f.ml_orgs_1m = 9; // would decline in the fraud stage
    const r = flow.evaluate(f, now, { lists });
    expect(r.fastLane).toBe(true);
    expect(r.outcome).toBe('approve');
    expect(r.stagesRun).toEqual(['knockout', 'credit']);
  });

  it('sends grey-list hits to review and redacts listed identifiers in fired values', () => {
    const f = cleanFacts();
    f.applicant.phone = '13800000003';
    const r = flow.evaluate(f, now, { lists });
    expect(r.outcome).toBe('review');
    expect(r.firedRules[0]).toMatchObject({ ruleId: 'F03', values: { 'applicant.phone': '[identifier]' } });
    expect(JSON.stringify(r)).not.toContain('13800000003');
  });

  it('declines when the strategy can size no limit', () => {
    const f = cleanFacts();
    f.ml_outstanding = 100000; // 5000 a month of other lenders' debt against a 4000 budget
    const r = flow.evaluate(f, now, { lists });
    expect(r.outcome).toBe('decline');
    expect(r.limit).toBe(0);
    expect(r.reasons[0]).toMatchObject({ code: 'LIMIT_NO_CAPACITY', principal: true, source: 'strategy' });
  });

  it('calls models by name and version; a primary model sets the score and its factors become reasons', () => {
    const withModel = clone(doc) as FlowDocument;
    delete withModel.score;
    withModel.stages.splice(2, 0, {
      id: 'scorecard',
      type: 'model',
      model: { name: 'appscore', version: '7' },
      output: 'app_score',
      primary: true,
    });
    const credit = withModel.stages[3]!;
    if (credit.type !== 'rules') throw new Error('fixture');
    credit.rules.push({
      id: 'C03',
      name: 'Thin score',
      when: 'app_score < 650',
      action: 'flag',
      reasonCode: 'THIN',
      message: 'score {{ app_score }}',
    });
    const calls: string[] = [];
    const models: ModelScorer = {
      score: (m, facts) => {
        calls.push(`${m.name}@${m.version}`);
        return {
          score: 640 + ((facts.applicant as { age: number }).age - 35),
          factors: [
            { name: 'ml_orgs_1m', points: -25, value: 1 },
            { name: 'age', points: 10 },
          ],
        };
      },
    };
    const f2 = compileFlow(withModel, {
      catalog: flowCatalog,
      listNames,
      models: { has: (n, v) => n === 'appscore' && v === '7' },
    });
    const r = f2.evaluate(cleanFacts(), now, { lists, models });
    expect(calls).toEqual(['appscore@7']);
    expect(r.score).toBe(640);
    expect(r.band).toBe('B');
    expect(r.models).toEqual({ appscore: { version: '7', score: 640 } });
    expect(r.firedRules.map((x) => [x.ruleId, x.message, x.values])).toEqual([
      ['C03', 'score 640', { app_score: 640 }],
    ]);
    expect(r.reasons.find((x) => x.source === 'model')).toMatchObject({
      code: 'MODEL_ML_ORGS_1M',
      message: 'ml_orgs_1m = 1 cost 25 points',
    });
    expect(() => compileFlow(withModel, { catalog: flowCatalog, listNames, models: { has: () => false } })).toThrow(
      /appscore@7 is not registered/,
    );
  });

  it('replays a stored decision to the identical result', () => {
    const f = cleanFacts();
    f.application.amount = 150000;
    f.overdue_elsewhere = true;
    const original = flow.evaluate(f, now, { lists });
    const stored = JSON.parse(
      JSON.stringify({ document: doc, version: 3, facts: f, evaluatedAt: original.evaluatedAt }),
    );
    const replayed = replayDecision(stored, { catalog: flowCatalog, listNames }, { lists });
    expect(decisionFingerprint(replayed)).toBe(decisionFingerprint(original));
    expect(replayed.timings.totalMs).toBeGreaterThanOrEqual(0);
  });

  it('the bulk runner agrees with evaluate', () => {
    const run = flow.runner({ lists });
    const f = cleanFacts();
    f.ml_orgs_1m = 8;
    const s = run(f, now);
    expect([s.outcome, [...s.fired.subarray(0, s.firedCount)].map((i) => flow.ruleIds[i])]).toEqual([2, ['F01']]);
    const s2 = run(cleanFacts(), now);
    expect([s2.outcome, s2.firedCount, s2.limit]).toEqual([0, 0, 20000]);
  });
});

describe('flow lifecycle and diff', () => {
  const t = (s: string) => new Date(s);
  it("publishes only by a person other than the draft's author (four eyes)", () => {
    const v1 = createDraft([], doc, { actor: 'key_a', human: 'usr_ana', now: t('2024-01-01T00:00:00Z') });
    const as = (actor: string, human: string | null) => ({ actor, human, actorRole: 'admin', now: t('2024-01-02') });
    // the same person through another key, and a key nobody owns, are refused
    expect(() => publishVersion([v1], 1, as('key_b', 'usr_ana'))).toThrow(/other than its author/);
    expect(() => publishVersion([v1], 1, as('key_boot', null))).toThrow(/approved by a person/);
    const orphan = createDraft([], doc, { actor: 'key_boot', human: null, now: t('2024-01-01T00:00:00Z') });
    expect(() => publishVersion([orphan], 1, as('key_c', 'usr_bob'))).toThrow(/no person owns/);
    const [p1] = publishVersion([v1], 1, as('key_c', 'usr_bob'));
    expect(p1).toMatchObject({ status: 'published', authorHuman: 'usr_ana', publishedByHuman: 'usr_bob' });
  });

  it('drafts, publishes a champion, retires the previous one, keeps challengers', () => {
    const v1 = createDraft([], doc, { actor: 'ana', human: 'ana', now: t('2024-01-01T00:00:00Z'), comment: 'first' });
    expect(v1).toMatchObject({
      version: 1,
      status: 'draft',
      author: 'ana',
      comment: 'first',
      createdAt: '2024-01-01T00:00:00.000Z',
    });
    expect(() =>
      publishVersion([v1], 1, { actor: 'ana', human: 'ana', actorRole: 'analyst', now: t('2024-01-02T00:00:00Z') }),
    ).toThrow(/only an admin/);
    const [p1] = publishVersion([v1], 1, {
      actor: 'root',
      human: 'root',
      actorRole: 'admin',
      now: t('2024-01-02T00:00:00Z'),
    });
    expect(p1).toMatchObject({
      status: 'published',
      role: 'champion',
      publishedBy: 'root',
      publishedAt: '2024-01-02T00:00:00.000Z',
    });
    const v2 = createDraft([p1!], doc, { actor: 'ana', human: 'ana', now: t('2024-02-01T00:00:00Z') });
    const v3 = createDraft([p1!, v2], doc, { actor: 'ana', human: 'ana', now: t('2024-02-01T00:00:00Z') });
    expect([v2.version, v3.version]).toEqual([2, 3]);
    const [c3] = publishVersion([p1!, v2, v3], 3, {
      actor: 'root',
      human: 'root',
      actorRole: 'admin',
      now: t('2024-02-02T00:00:00Z'),
      role: 'challenger',
    });
    const changed = publishVersion([p1!, v2, c3!], 2, {
      actor: 'root',
      human: 'root',
      actorRole: 'admin',
      now: t('2024-03-01T00:00:00Z'),
    });
    expect(changed.map((r) => [r.version, r.status, r.role])).toEqual([
      [1, 'retired', 'champion'],
      [2, 'published', 'champion'],
    ]);
    const live = liveVersions([changed[0]!, changed[1]!, c3!]);
    expect([live.champion?.version, live.challengers.map((c) => c.version)]).toEqual([2, [3]]);
    expect(() =>
      publishVersion([p1!], 1, { actor: 'root', human: 'root', actorRole: 'admin', now: t('2024-01-03T00:00:00Z') }),
    ).toThrow(/already published/);
  });

  it('diffs two versions rule by rule', () => {
    const next = clone(doc) as FlowDocument;
    const fraud = next.stages[1]!;
    const credit = next.stages[2]!;
    if (fraud.type !== 'rules' || credit.type !== 'rules') throw new Error('fixture');
    fraud.rules[0]!.when = 'ml_orgs_1m >= 5';
    fraud.rules.splice(1, 1);
    credit.rules.push({
      id: 'C09',
      name: 'Young and large',
      when: 'applicant.age < 21 and application.amount > 20000',
      action: 'review',
      reasonCode: 'YOUNG_LARGE',
      message: 'young applicant, large amount',
    });
    next.bands![1]!.minScore = 630;
    const d = diffFlows(doc, next);
    expect(d.rulesAdded.map((r) => r.rule.id)).toEqual(['C09']);
    expect(d.rulesRemoved.map((r) => r.rule.id)).toEqual(['F02']);
    expect(d.rulesChanged).toEqual([
      {
        stage: 'fraud',
        ruleId: 'F01',
        changes: [{ field: 'when', before: 'ml_orgs_1m >= 6', after: 'ml_orgs_1m >= 5' }],
      },
    ]);
    expect(d.settingsChanged.map((s) => s.path)).toEqual(['/bands']);
    expect(d.identical).toBe(false);
    expect(diffFlows(doc, clone(doc)).identical).toBe(true);
  });
});

describe('state reuse', () => {
  it('nothing leaks from one evaluation into the next (model outputs, fired rules)', () => {
    const withModel = clone(doc) as FlowDocument;
    delete withModel.score;
    withModel.stages.splice(1, 0, {
      id: 'm',
      type: 'model',
      model: { name: 'x', version: '1' },
      output: 'mscore',
      primary: true,
      skippableForWhitelist: true,
    });
    const f = compileFlow(withModel, { catalog: flowCatalog, listNames });
    const models: ModelScorer = { score: () => ({ score: 710 }) };
    const first = f.evaluate(cleanFacts(), now, { lists, models });
    expect(first.models).toEqual({ x: { version: '1', score: 710 } });
    const white = cleanFacts();
    white.applicant.phone = '13800000002';
    const second = f.evaluate(white, now, { lists, models });
    expect(second.fastLane).toBe(true);
    expect(second.models).toEqual({});
    expect(second.score).toBeNull();
    expect(decisionFingerprint(f.evaluate(cleanFacts(), now, { lists, models }))).toBe(decisionFingerprint(first));
  });
});

describe('identifier redaction', () => {
  it('never copies identifier-like fields into fired values or messages', () => {
    const d = clone(doc) as FlowDocument;
    const fraud = d.stages[1]!;
    if (fraud.type !== 'rules') throw new Error('fixture');
    fraud.rules.push({
      id: 'F09',
      name: 'Virtual operator',
      when: "startsWith(applicant.phone, '170')",
      action: 'flag',
      reasonCode: 'VIRTUAL_OPERATOR',
      message: 'phone {{ applicant.phone }} is on a virtual operator',
    });
    const f = compileFlow(d, { catalog: flowCatalog, listNames });
    const facts = cleanFacts();
    facts.applicant.phone = '17012345678';
    const r = f.evaluate(facts, now, { lists });
    expect(r.firedRules.find((x) => x.ruleId === 'F09')).toMatchObject({
      values: { 'applicant.phone': '[identifier]' },
      message: 'phone [identifier] is on a virtual operator',
    });
    expect(JSON.stringify(r)).not.toContain('17012345678');
    // a screened field stays redacted whatever isIdentifier says; an unscreened one follows it
    const unscreened = clone(d);
    delete unscreened.screening;
    const open = compileFlow(unscreened, { catalog: flowCatalog, listNames, isIdentifier: () => false });
    expect(
      compileFlow(d, { catalog: flowCatalog, listNames, isIdentifier: () => false })
        .evaluate(facts, now, { lists })
        .firedRules.find((x) => x.ruleId === 'F09')!.values,
    ).toEqual({ 'applicant.phone': '[identifier]' });
    expect(open.evaluate(facts, now, { lists }).firedRules.find((x) => x.ruleId === 'F09')!.values).toEqual({
      'applicant.phone': '17012345678',
    });
  });
});

describe('looksLikeIdentifier', () => {
  it('matches identifier names, not features derived from them', async () => {
    const { looksLikeIdentifier } = await import('../../src/rules/flow/compile.js');
    expect(
      ['applicant.phone', 'device_id', 'applicant.bankCard', 'applicant.nationalId', 'ip', 'applicant.name'].map(
        looksLikeIdentifier,
      ),
    ).toEqual([true, true, true, true, true, true]);
    expect(
      ['phone_age_days', 'open_accounts', 'apps_phone_7d', 'ml_orgs_1m', 'email_domain_age'].map(looksLikeIdentifier),
    ).toEqual([false, false, false, false, false]);
  });
});
