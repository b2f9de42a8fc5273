/**
 * Reject inference, pure: parcelling labels each band's rejects bad at the accepted bad rate × uplift, fuzzy
 * augmentation splits each reject into a weighted bad and good, and settings are read with errors naming the field.
 * On German credit with a lender's cut (the riskiest 30 % by a known-good-bad model declined), the fitted models
 * are compared with the truth of the declined, which the data set still has.
 */
import { describe, expect, it } from 'vitest';
import {
  fitScorecardModel,
  fitScorecardWithRejects,
  fuzzyAugment,
  parcelRejects,
  rejectInferenceOptions,
  rejectInferenceReport,
  scorecardRisk,
  seededRandom,
  takeLabels,
  takeRows,
} from '../../src/models/index.js';
import { ValidationError } from '../../src/core/index.js';
import { slice } from './helpers.js';

describe('parcelling', () => {
  it('labels bad, band by band, the accepted bad rate × uplift of the rejects, the same for the same seed', () => {
    const rand = seededRandom(5);
    const acceptedRisk = Float64Array.from({ length: 2000 }, () => rand());
    // the accepted go bad at a rate that rises with risk, so bands differ
    const y = Uint8Array.from(acceptedRisk, (p) => (rand() < p * 0.3 ? 1 : 0));
    const rejectRisk = Float64Array.from({ length: 1500 }, () => 0.3 + 0.7 * rand());
    const options = { bands: 10, uplift: 2, seed: 9 };
    const { labels, bands } = parcelRejects(acceptedRisk, y, rejectRisk, options);
    expect(bands).toHaveLength(10);
    expect(bands.reduce((s, b) => s + b.accepted, 0)).toBe(2000);
    expect(bands.reduce((s, b) => s + b.rejects, 0)).toBe(1500);
    for (const b of bands) {
      // recount the band's rejects and bads from the labels themselves
      let n = 0;
      let bad = 0;
      rejectRisk.forEach((p, i) => {
        if ((b.from === null || p >= b.from) && (b.to === null || p < b.to)) {
          n++;
          bad += labels[i]!;
        }
      });
      expect(n).toBe(b.rejects);
      expect(bad).toBe(b.rejectBads);
      expect(bad).toBe(Math.round(n * Math.min(1, 2 * b.acceptedBadRate)));
    }
    // riskier bands get more bads
    const first = bands.find((b) => b.rejects > 0)!;
    expect(bands.at(-1)!.rejectBadRate).toBeGreaterThan(first.rejectBadRate);
    expect(parcelRejects(acceptedRisk, y, rejectRisk, options).labels).toEqual(labels);
    expect(parcelRejects(acceptedRisk, y, rejectRisk, { ...options, seed: 10 }).labels).not.toEqual(labels);
  });
});

describe('fuzzy augmentation', () => {
  it('enters each reject as a bad weighted P(bad) and a good weighted P(good), times the reject weight', () => {
    const ds = slice('germancredit.csv', 'creditability=bad', 300);
    const acc = takeRows(ds.data, [...Array(200).keys()]);
    const rej = takeRows(
      ds.data,
      Array.from({ length: 100 }, (_, i) => 200 + i),
    );
    const p = Float64Array.from({ length: 100 }, (_, i) => i / 100);
    const s = fuzzyAugment(acc, takeLabels(ds.y, [...Array(200).keys()]), rej, p, 0.5);
    expect(s.data.rows).toBe(400);
    expect(s.y[200]).toBe(1);
    expect(s.y[300]).toBe(0);
    expect(s.weights[237]).toBeCloseTo(0.5 * 0.37, 12);
    expect(s.weights[337]).toBeCloseTo(0.5 * 0.63, 12);
    expect(s.inferredBadRate).toBeCloseTo(0.495, 12);
  });
});

describe('settings', () => {
  it('reads defaults and refuses a wrong method or value naming the field', () => {
    expect(rejectInferenceOptions({ method: 'fuzzy' })).toMatchObject({ method: 'fuzzy', rejectWeight: 1 });
    expect(rejectInferenceOptions(undefined).method).toBe('none');
    const err = (x: unknown) => {
      try {
        rejectInferenceOptions(x, '/models/0/rejectInference');
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('accepted');
    };
    expect(err({ method: 'augment' }).issues[0]!.path).toBe('/models/0/rejectInference/method');
    expect(err({ method: 'parcelling', uplift: 0.5 }).issues[0]!.path).toBe('/models/0/rejectInference/uplift');
    expect(err({ method: 'fuzzy', weight: 2 }).issues[0]!.path).toBe('/models/0/rejectInference/weight');
  });
});

describe('on German credit with the riskiest 30 % declined', () => {
  const ds = slice('germancredit.csv', 'creditability=bad');
  // the incumbent's cut: a model on all rows scores them, the riskiest 30 % are declined
  const incumbent = scorecardRisk(fitScorecardModel(ds.data, ds.y), ds.data);
  const order = [...incumbent.keys()].sort((a, b) => incumbent[a]! - incumbent[b]!);
  const acceptedIdx = order.slice(0, 700).sort((a, b) => a - b);
  const rejectIdx = order.slice(700).sort((a, b) => a - b);
  const accepted = takeRows(ds.data, acceptedIdx);
  const y = takeLabels(ds.y, acceptedIdx);
  const rejects = takeRows(ds.data, rejectIdx);
  const ttd = {
    source: 'germancredit.csv',
    data: ds.data,
    truth: ds.y,
    declined: Uint8Array.from({ length: ds.data.rows }, (_, i) => (rejectIdx.includes(i) ? 1 : 0)),
  };

  for (const method of ['fuzzy', 'parcelling'] as const) {
    it(`${method}: uses the rejects, infers them worse than the accepted, reports with and without`, () => {
      const ri = fitScorecardWithRejects(accepted, y, rejects, rejectInferenceOptions({ method }));
      expect(ri.rejects).toBe(300);
      expect(ri.fit).not.toBe(ri.knownGoodBad);
      const acceptedRate = ri.acceptedBads / ri.accepted;
      expect(ri.inferredBadRate!).toBeGreaterThan(acceptedRate);
      const report = rejectInferenceReport(ri, { data: accepted, y }, ttd);
      expect(report).toMatchObject({ method, accepted: 700, rejects: 300 });
      expect(report.throughTheDoor!.applications).toBe(1000);
      expect(report.throughTheDoor!.declined).toBe(300);
      expect(report.throughTheDoor!.auc).toBeGreaterThan(0.6);
      expect(report.throughTheDoor!.aucWithout).toBeGreaterThan(0.6);
      if (method === 'parcelling') expect(report.bands!.length).toBeGreaterThan(2);
      // JSON-safe: a stored report has no infinities
      expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    });
  }

  it('none is the accepted-only model, and no rejects falls back to it with a note', () => {
    const none = fitScorecardWithRejects(accepted, y, rejects, rejectInferenceOptions({ method: 'none' }));
    expect(none.fit).toBe(none.knownGoodBad);
    const empty = fitScorecardWithRejects(
      accepted,
      y,
      takeRows(ds.data, []),
      rejectInferenceOptions({ method: 'fuzzy' }),
    );
    expect(empty.fit).toBe(empty.knownGoodBad);
    expect(empty.note).toMatch(/no declined/);
  });
});
