import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  dpdDistribution,
  LABEL_BAD,
  LABEL_INDETERMINATE,
  parseApplicationColumns,
  performanceLabels,
  stability,
  readCreditRecord,
  rollRateMatrix,
  vintageCurves,
  withSegments,
  type CreditRecordBook,
} from '../../src/monitoring/index.js';

// Real data: the public "Credit Card Approval Prediction" monthly status file (see ../shared/data/README.md).
const CREDIT = '../shared/data/credit_record.csv';
const APPS = '../shared/data/application_record.csv';

describe('credit_record.csv (real data)', () => {
  let cr: CreditRecordBook;
  let text: string;
  beforeAll(async () => {
    cr = await readCreditRecord(CREDIT);
    text = await readFile(CREDIT, 'utf8');
  });

  it('loads every account and month', () => {
    expect(cr.book.loans).toBe(45_985);
    expect(cr.book.months).toBe(61);
  });

  it('vintage curves never fall, and 30+ ≥ 60+ ≥ 90+', () => {
    const r = vintageCurves(cr.book, { maxMob: 24 });
    expect(r.vintages.length).toBe(61);
    expect(r.vintages.reduce((a, v) => a + v.accounts, 0)).toBe(cr.book.loans);
    for (const v of r.vintages) {
      for (let k = 1; k <= 24; k++) {
        const [a, b, c] = v.badRate.map((x) => x[k]!);
        if (Number.isNaN(a!)) continue;
        expect(a!).toBeGreaterThanOrEqual(v.badRate[0]![k - 1]!);
        expect(a!).toBeGreaterThanOrEqual(b!);
        expect(b!).toBeGreaterThanOrEqual(c!);
      }
    }
    // The oldest vintage has a real, non-trivial 30+ rate at 12 months on book.
    const mob12 = r.vintages[0]!.badRate[0]![12]!;
    expect(mob12).toBeGreaterThan(0.01);
    expect(mob12).toBeLessThan(0.5);
  });

  it('performance labels agree with the vintage curves', () => {
    const { labels, summary } = performanceLabels(cr.book, { threshold: 2, windowMob: 12 });
    const v = vintageCurves(cr.book, { maxMob: 12 });
    // per complete vintage: share labelled bad = the vintage's ever-30+ rate at MOB 12
    for (const vin of v.vintages) {
      if (Number.isNaN(vin.badRate[0]![12]!)) continue;
      let bad = 0;
      let n = 0;
      for (let i = 0; i < cr.book.loans; i++)
        if (cr.book.originMonth[i] === vin.originMonth) {
          n++;
          if (labels[i] === LABEL_BAD) bad++;
          expect(labels[i]).not.toBe(LABEL_INDETERMINATE);
        }
      expect(bad / n).toBeCloseTo(vin.badRate[0]![12]!, 12);
    }
    expect(summary.badRate).toBeGreaterThan(0.05);
    expect(summary.good + summary.bad + summary.indeterminate).toBe(cr.book.loans);
  });

  it('the current-month DPD distribution matches a direct count of STATUS at MONTHS_BALANCE 0', () => {
    const direct = new Map<string, number>();
    for (const line of text.split('\n').slice(1)) {
      const [, mb, status] = line.trim().split(',');
      if (mb === '0') direct.set(status!, (direct.get(status!) ?? 0) + 1);
    }
    const d = dpdDistribution(cr.book);
    const last = d.counts[d.counts.length - 1]!;
    expect(d.months[d.months.length - 1]).toBe('M0');
    expect(last[0]).toBe((direct.get('C') ?? 0) + (direct.get('X') ?? 0));
    expect(last[1]).toBe(direct.get('0'));
    expect(last[2]).toBe(direct.get('1'));
    expect(last[6]).toBe(direct.get('5') ?? 0);
  });

  it('roll rates: rows sum to one and most current accounts stay current', () => {
    const m = rollRateMatrix(cr.book);
    for (let a = 0; a <= 6; a++) expect(m.rates[a]!.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 9);
    expect(m.rates[0]![0]).toBeGreaterThan(0.9);
    // accounts deep in arrears mostly stay there
    expect(m.rates[6]![6]).toBeGreaterThan(0.5);
  });

  it('joins application segments by ID and finds income stable across a random split', async () => {
    const apps = await readFile(APPS, 'utf8');
    const [incomeType, income] = parseApplicationColumns(apps, ['NAME_INCOME_TYPE', 'AMT_INCOME_TOTAL']);
    const seg = withSegments(cr, incomeType!);
    const known = seg.segmentLevels!.filter((l) => l !== 'unknown');
    expect(known).toContain('Working');
    const unknownCode = seg.segmentLevels!.indexOf('unknown');
    const matched = Array.from(seg.segment!).filter((s) => s !== unknownCode).length;
    expect(matched).toBeGreaterThan(30_000);
    const even: number[] = [];
    const odd: number[] = [];
    for (let i = 0; i < cr.book.loans; i++) {
      const v = income!.get(cr.ids[i]!);
      if (v !== undefined) (i % 2 ? odd : even).push(Number(v));
    }
    expect(stability(even, odd).status).toBe('stable');
  });
});
