import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/index.js';
import {
  assertValidProgram,
  instantiateFlow,
  parseProgram,
  programProblems,
  readProgram,
  scoreQuantile,
  starterProgramDir,
} from '../../src/programs/index.js';
import { parseFlowDocument } from '../../src/rules/index.js';
import { decisionCatalog } from '../../src/catalog/index.js';

const dir = starterProgramDir();
const text = (f: string) => readFileSync(join(dir, f), 'utf8');
const catalog = decisionCatalog();

describe('the starter program files', () => {
  it('validate: features in the catalogue, the flow compiles, the triggers compile', () => {
    const p = readProgram(dir);
    expect(programProblems(p, catalog)).toEqual([]);
    expect(p.manifest.models.map((m) => m.name)).toEqual(['starter-fraud', 'starter-scorecard', 'bcard']);
    // the behaviour score reads what post-loan monitoring computes, observed after the loan
    expect(p.manifest.models.find((m) => m.name === 'bcard')).toMatchObject({ observation: { mob: 1 } });
    expect(p.lists.filter((l) => l.color === 'black').length).toBeGreaterThan(0);
  });

  it('give every rule a reason code and a message', () => {
    const doc = parseFlowDocument(
      instantiateFlow(
        readProgram(dir),
        { fraud_decline: 1, fraud_review: 2, score_decline: 3, band_b: 4, band_a: 5 },
        { 'starter-fraud': 7, 'starter-scorecard': 8 },
      ),
    );
    const rules = doc.stages.flatMap((s) => (s.type === 'rules' ? s.rules : []));
    expect(rules.length).toBeGreaterThan(20);
    for (const r of rules) {
      expect(r.reasonCode).toMatch(/^[A-Z0-9_]+$/);
      expect(r.message.length).toBeGreaterThan(10);
    }
    // trained versions and cut-offs are filled in
    expect(doc.stages.filter((s) => s.type === 'model').map((s) => s.type === 'model' && s.model)).toEqual([
      { name: 'starter-fraud', version: '7' },
      { name: 'starter-scorecard', version: '8' },
    ]);
    expect(doc.bands?.map((b) => b.minScore)).toEqual([5, 4, 3, -100000]);
  });
});

describe('a program with mistakes', () => {
  const broken = () =>
    parseProgram({
      manifest: text('program.yaml')
        .replace('      - vel_apps_id_30d\n', '      - vel_apps_id_30days\n')
        .replace('fraud_decline: { model: starter-fraud', 'fraud_decline: { model: nobody'),
      flow: text('flow.yaml').replace('when: vel_ids_per_phone_30d >= 2', 'when: vel_ids_per_phone_30dd >= 2'),
      triggers: text('triggers.yaml').replace('consortium.loans_7d >= 3', 'consortium.loanz_7d >= 3'),
      lists: text('lists.yaml'),
    });

  it('reports every problem at once, each with where it is', () => {
    const problems = programProblems(broken(), catalog);
    const paths = problems.map((p) => p.path);
    expect(paths).toContain('/models/0/features/19');
    expect(paths).toContain('/cutoffs/fraud_decline/model');
    expect(problems.some((p) => p.path.startsWith('flow.yaml') && /vel_ids_per_phone_30dd/.test(p.message))).toBe(true);
    expect(problems.some((p) => p.path.startsWith('triggers.yaml'))).toBe(true);
    expect(() => assertValidProgram(broken(), catalog)).toThrow(ValidationError);
  });

  it('keeps a behaviour model to monitoring facts, out of the flow and its cut-offs', () => {
    const p = parseProgram({
      manifest: text('program.yaml')
        .replace('      - consortium.loans_7d\n', '      - applicant.age\n')
        .replace('band_a: { model: starter-scorecard', 'band_a: { model: bcard'),
      flow: text('flow.yaml').replace(
        'model: { name: starter-fraud, version: trained }',
        'model: { name: bcard, version: trained }',
      ),
      triggers: text('triggers.yaml'),
      lists: text('lists.yaml'),
    });
    const problems = programProblems(p, catalog);
    expect(problems).toContainEqual({
      path: '/models/2/features/0',
      message: "unknown monitoring fact 'applicant.age'",
    });
    expect(problems.some((x) => x.path === '/cutoffs/band_a/model' && /behaviour model/.test(x.message))).toBe(true);
    expect(problems.some((x) => x.path.startsWith('flow.yaml/stages/0') && /behaviour model/.test(x.message))).toBe(
      true,
    );
  });

  it('refuses a cut-off the manifest does not set', () => {
    const p = readProgram(dir);
    expect(() => instantiateFlow(p, {}, {})).toThrow(/cut-offs the program does not set: fraud_decline/);
  });
});

describe('cut-offs', () => {
  it('are the score under which the given share falls', () => {
    const scores = Array.from({ length: 100 }, (_, i) => 500 + i);
    expect(scoreQuantile(scores, 0.05)).toBe(504);
    expect(scoreQuantile([NaN, 3, 1, 2], 0.5)).toBe(2);
    expect(scoreQuantile([], 0.5)).toBeNaN();
  });
});

describe('reject inference in a program', () => {
  it('the starter scorecard trains with fuzzy augmentation; a wrong method or trees are refused naming the field', () => {
    const p = readProgram(dir);
    expect(p.manifest.models.find((m) => m.name === 'starter-scorecard')!.rejectInference).toEqual({
      method: 'fuzzy',
    });
    const withMethod = (model: string, method: string) =>
      text('program.yaml').replace(
        new RegExp(`(- name: ${model}\\n)`),
        `$1    rejectInference: { method: ${method} }\n`,
      );
    const wrong = () => parseProgram({ manifest: withMethod('starter-fraud', 'augment'), flow: text('flow.yaml') });
    expect(wrong).toThrow(ValidationError);
    try {
      wrong();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.path).join(' ')).toMatch(/\/models\/0\/rejectInference/);
    }
    const trees = parseProgram({ manifest: withMethod('starter-fraud', 'parcelling'), flow: text('flow.yaml') });
    expect(programProblems(trees, catalog)).toEqual([
      { path: '/models/0/rejectInference', message: 'reject inference is for scorecards; starter-fraud is a gbdt' },
    ]);
  });
});
