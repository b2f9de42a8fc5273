/**
 * The notice's catalogue against what can reach a notice: every reason code the starter program can produce —
 * read from its files (rules, lists, bands, model features), the knock-out policy file, every feature the field
 * catalogue registers (a model may use any), and the codes the strategy, device and graph code write — has a
 * consumer wording in English and in Chinese, or is known not to count against the applicant. A new rule code, a
 * new feature family or a new limit code fails here until someone words it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { decisionCatalog } from '../../src/catalog/index.js';
import { defaultPolicyFile } from '../../src/decision/index.js';
import { NOTICE_WORDING } from '../../src/i18n/index.js';
import { factorOf, modelCodeOf, NOTICE_FACTORS } from '../../src/notices/index.js';
import { readProgram, starterProgramDir } from '../../src/programs/index.js';
import type { Reason } from '../../src/core/index.js';

type Source = Reason['source'];
const upper = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

/** Every code a source file writes as a literal with one of these prefixes. */
function literalCodes(dir: string, prefix: RegExp): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/'([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]!))
    .filter((c) => prefix.test(c));
}

function starterCodes(): { code: string; source: Source }[] {
  const program = readProgram(starterProgramDir());
  const flow = parseYaml(program.flowText) as {
    screening?: { identifiers: { kind: string }[]; greyAction?: string };
    stages: { type: string; rules?: { reasonCode: string }[] }[];
    bands?: { outcome?: string }[];
  };
  const out: { code: string; source: Source }[] = [];
  for (const stage of flow.stages) for (const r of stage.rules ?? []) out.push({ code: r.reasonCode, source: 'rule' });
  const kinds = new Set([
    ...program.lists.map((l) => l.kind),
    ...(flow.screening?.identifiers ?? []).map((i) => i.kind),
  ]);
  for (const kind of kinds)
    for (const color of ['black', 'grey', 'white'])
      out.push({ code: `LIST_${color.toUpperCase()}_${upper(kind)}`, source: 'list' });
  for (const band of flow.bands ?? [])
    if (band.outcome)
      out.push({ code: band.outcome === 'decline' ? 'SCORE_BAND_DECLINE' : 'SCORE_BAND_REVIEW', source: 'policy' });
  out.push({ code: 'SCORE_MISSING', source: 'policy' }, { code: 'FAST_LANE', source: 'list' });
  // a behaviour model (observation set) scores borrowers after the loan: its features never reach a decision's notice
  for (const m of program.manifest.models.filter((x) => !x.observation))
    for (const f of m.features) out.push({ code: modelCodeOf(f), source: 'model' });
  const policy = parseYaml(readFileSync(defaultPolicyFile(), 'utf8')) as Record<string, { min?: number; max?: number }>;
  for (const [field, bounds] of Object.entries(policy)) {
    if (typeof bounds !== 'object' || bounds === null || !('min' in bounds || 'max' in bounds)) continue;
    if ('min' in bounds) out.push({ code: `KO_${upper(field)}_BELOW_MIN`, source: 'policy' });
    if ('max' in bounds) out.push({ code: `KO_${upper(field)}_ABOVE_MAX`, source: 'policy' });
  }
  return out;
}

const catalogueModelCodes = () =>
  decisionCatalog()
    .list()
    .map((f) => ({ code: modelCodeOf(f.name), source: 'model' as const, feature: f.name }));

const engineCodes = (): { code: string; source: Source }[] => [
  ...literalCodes(join('src', 'strategy'), /^(LIMIT|PRICE)_/).map((code) => ({ code, source: 'strategy' as const })),
  ...literalCodes(join('src', 'decision', 'stages'), /^LIMIT_/).map((code) => ({ code, source: 'strategy' as const })),
  ...literalCodes(join('src', 'device'), /^DEVICE_[A-Z_]+$/).map((code) => ({ code, source: 'device' as const })),
  ...literalCodes(join('src', 'graph'), /^GRAPH_/).map((code) => ({ code, source: 'graph' as const })),
];

const placeholders = (s: string) =>
  [...s.matchAll(/\{\{\s*([\w.]+)\s*(?:,\s*(\w+)\s*)?\}\}/g)].map((m) => m[0].replace(/\s/g, '')).sort();

describe('notice wording', () => {
  it('derives a real list of codes from the program files, the policy file and the field catalogue', () => {
    const codes = starterCodes().map((c) => c.code);
    for (const c of [
      'ML_ORGS_1M',
      'DTI_CAP',
      'FRAUD_SCORE',
      'LIST_BLACK_NATIONAL_ID',
      'KO_AGE_BELOW_MIN',
      'SCORE_BAND_DECLINE',
    ])
      expect(codes).toContain(c);
    expect(codes).toContain('MODEL_ML_ID_ALL_APPS_1M');
    expect(catalogueModelCodes().length).toBeGreaterThan(600);
    expect(engineCodes().map((c) => c.code)).toEqual(
      expect.arrayContaining(['LIMIT_BELOW_MINIMUM', 'PRICE_BAND', 'DEVICE_EMULATOR', 'GRAPH_RING_SUSPECT']),
    );
  });

  it('gives every code the starter program, the engines and any catalogue feature can produce a wording in both languages', () => {
    const unknown: string[] = [];
    const unworded: string[] = [];
    for (const { code, source } of [...starterCodes(), ...catalogueModelCodes(), ...engineCodes()]) {
      const factor = factorOf({ code, source });
      if (factor === undefined) unknown.push(`${code} (${source})`);
      else if (factor !== null)
        for (const lang of ['en', 'zh-CN'] as const) {
          const words = NOTICE_WORDING[lang];
          if (!words.factors[factor]?.trim()) unworded.push(`${code} → ${factor} in ${lang}`);
        }
    }
    expect(unknown, 'codes with no consumer factor').toEqual([]);
    expect(unworded, 'factors without words').toEqual([]);
  });

  it('has the same keys and placeholders in English and Chinese, and Chinese words in zh-CN', () => {
    const en = NOTICE_WORDING.en;
    const zh = NOTICE_WORDING['zh-CN'];
    expect(Object.keys(zh.factors).sort()).toEqual(Object.keys(en.factors).sort());
    expect(Object.keys(en.factors).sort()).toEqual([...NOTICE_FACTORS].sort());
    expect(Object.keys(zh.codes).sort()).toEqual(Object.keys(en.codes).sort());
    for (const [code, text] of Object.entries(en.codes))
      expect(placeholders(zh.codes[code]!), code).toEqual(placeholders(text));
    for (const key of ['title', 'date', 'application', 'applicationNoAmount', 'reasonsHeading', 'rights'] as const)
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    for (const text of [...Object.values(zh.factors), ...Object.values(zh.codes), zh.rights, zh.title])
      expect(text).toMatch(/[\u4e00-\u9fff]/);
    // the brief's example wording, word for word
    expect(zh.factors.APPLICATIONS_ELSEWHERE).toBe('近期在多家机构申请借款较多');
    expect(en.factors.APPLICATIONS_ELSEWHERE).toBe('Number of recent credit applications at other lenders');
    // a code-specific wording is only for a code whose factor is known and not a fraud signal
    for (const code of Object.keys(en.codes)) {
      const factor = factorOf({ code, source: code.startsWith('KO_') ? 'policy' : 'rule' });
      expect(factor, code).toBeTruthy();
      expect(factor, code).not.toBe('VERIFY');
    }
  });

  it('never words a fraud, list, device or graph signal by itself: all are "could not verify"', () => {
    const fraud = [
      ...starterCodes().filter(
        (c) => c.source === 'list' && !c.code.startsWith('LIST_WHITE') && c.code !== 'FAST_LANE',
      ),
      ...engineCodes().filter((c) => c.source === 'device' || c.source === 'graph'),
      ...[
        'FRAUD_SCORE',
        'FRAUD_SCORE_REVIEW',
        'DEVICE_FARM',
        'GRAPH_RING',
        'PHONE_MANY_IDS',
        'ID_CHECKSUM',
        'EMAIL_DISPOSABLE',
      ].map((code) => ({ code, source: 'rule' as const })),
      ...catalogueModelCodes().filter((c) => /^(graph_|device|vel_ids_per|id_)/.test(c.feature)),
    ];
    expect(fraud.length).toBeGreaterThan(100);
    expect(fraud.filter((c) => factorOf(c) !== 'VERIFY').map((c) => c.code)).toEqual([]);
  });
});
