/**
 * Stored model reports end to end: a scorecard fitted on a real-data slice (GMSC), its held-out report stored at
 * registration, served by the report endpoint (ROC, lift, calibration, KS cut), live PSI from decisions made with
 * the version, GBDT importance, the compare endpoint, and tenant isolation.
 */
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type Decision } from '../../src/core/index.js';
import {
  areaUnder,
  buildModelReport,
  createModelRegistry,
  fitAndEvaluate,
  pointsOf,
  stratifiedSplit,
  takeLabels,
  takeRows,
  type StoredModelReport,
} from '../../src/models/index.js';
import type { Store } from '../../src/store/index.js';
import { gmscSpecials, slice } from '../models/helpers.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let stored: StoredModelReport;
let devPoints: Float64Array;
const viewer = () => ({ authorization: `Bearer ${h.keys['t1-viewer']}` });

/** Decisions scored by `model@version`, as the flow stage records them (modelVersions + the flow's score). */
async function seedScored(store: Store, model: string, version: number, scores: ArrayLike<number>, at: string) {
  const records = Array.from(scores, (score, i) => {
    const decision: Decision = {
      decisionId: newId('dec', new Date(Date.parse(at) + i)),
      applicationId: `app-${model}-${version}-${at}-${i}`,
      outcome: 'approve',
      score,
      limit: null,
      price: null,
      reasons: [],
      flowVersion: 'card@1',
      modelVersions: { [model]: String(version) },
      timings: { totalMs: 3, stages: {} },
      decidedAt: at,
    };
    return {
      tenantId: 't1',
      decision,
      idempotencyKey: null,
      requestHash: 'seed',
      input: { application: { applicationId: decision.applicationId } },
      sealedIdentity: null,
    };
  });
  for (let k = 0; k < records.length; k += 250) await store.decisions.insertMany(records.slice(k, k + 250));
}

beforeAll(async () => {
  h = await startHarness();
  const gmsc = slice('gmsc_cs-training.csv', 'SeriousDlqin2yrs', 6000);
  const fit = fitAndEvaluate({
    data: gmsc.data,
    y: gmsc.y,
    target: 'SeriousDlqin2yrs',
    kind: 'scorecard',
    scorecard: { binning: { specials: gmscSpecials } },
  });
  // the same split fitAndEvaluate used: the report is built on the held-out part only
  const { test } = stratifiedSplit(gmsc.y, 0.3, 42);
  const heldOut = takeRows(gmsc.data, test);
  const heldOutY = takeLabels(gmsc.y, test);
  stored = buildModelReport(fit.model, heldOut, heldOutY);
  devPoints = pointsOf(fit.model, heldOut);
  const registry = createModelRegistry(h.store.db);
  const base = { dataFingerprint: 'a'.repeat(64), author: { id: 'key:analyst', human: 'key:analyst' } };
  // v1 without a report (as registered before reports existed), v2 with one
  await registry.register('t1', { ...base, name: 'app-card', model: fit.model, metrics: { auc: fit.evaluation.auc } });
  await registry.register('t1', {
    ...base,
    name: 'app-card',
    model: fit.model,
    metrics: { auc: fit.evaluation.auc, ks: fit.evaluation.ks },
    report: stored,
  });
  // trees on the first 2000 rows (the file is read once: parsing it is the slow part)
  const first = Uint32Array.from({ length: 2000 }, (_, i) => i);
  const small = { data: takeRows(gmsc.data, first), y: takeLabels(gmsc.y, first) };
  const trees = fitAndEvaluate({ data: small.data, y: small.y, target: 'y', kind: 'gbdt', gbdt: { nTrees: 20 } });
  await registry.register('t1', {
    ...base,
    name: 'app-gbdt',
    model: trees.model,
    metrics: { auc: trees.evaluation.auc },
    report: buildModelReport(trees.model, small.data, small.y),
  });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe('stored model report', () => {
  it('serves ROC from (0,0) to (1,1) whose area matches the stored AUC, lift that adds up and rising calibration', async () => {
    const res = await h.app.inject({ url: '/v1/models/app-card/versions/2/report', headers: viewer() });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.missing).toEqual(['psi']);
    expect(r.heldOut).toEqual({ rows: 1800, bads: stored.bads });
    expect(r.roc.length).toBeLessThanOrEqual(101);
    expect(r.roc.length).toBeGreaterThan(20);
    expect(r.roc[0]).toEqual([0, 0]);
    expect(r.roc.at(-1)).toEqual([1, 1]);
    for (let k = 1; k < r.roc.length; k++) {
      expect(r.roc[k][0]).toBeGreaterThanOrEqual(r.roc[k - 1][0]);
      expect(r.roc[k][1]).toBeGreaterThanOrEqual(r.roc[k - 1][1]);
    }
    expect(r.auc).toBeGreaterThan(0.75);
    expect(Math.abs(areaUnder(r.roc) - stored.auc)).toBeLessThan(0.005);
    expect(r.ks).toBeGreaterThan(0.3);
    expect(r.ksScore).toBeGreaterThan(400);
    // lift deciles partition the held-out sample
    expect(r.lift).toHaveLength(10);
    expect(r.lift.reduce((s: number, l: { count: number }) => s + l.count, 0)).toBe(1800);
    expect(r.lift.reduce((s: number, l: { bads: number }) => s + l.bads, 0)).toBe(stored.bads);
    expect(r.lift.at(-1).cumulativeBadShare).toBeCloseTo(1, 9);
    expect(r.lift[0].lift).toBeGreaterThan(2);
    // calibration: observed bad rate rises with the predicted one (allowing sampling wiggles between deciles)
    const cal = r.calibration as Array<{ meanPredicted: number; observedRate: number }>;
    expect(cal).toHaveLength(10);
    let rises = 0;
    for (let k = 1; k < cal.length; k++) if (cal[k]!.observedRate >= cal[k - 1]!.observedRate) rises++;
    expect(rises).toBeGreaterThanOrEqual(6);
    expect(cal.at(-1)!.observedRate).toBeGreaterThan(5 * cal[0]!.observedRate);
    expect(r.scoreDistribution.counts.reduce((a: number, b: number) => a + b, 0)).toBe(1800);
    expect(r.psiDetail).toMatchObject({ status: 'unknown', liveCount: 0 });
  });

  it('keeps versions registered without a report readable and says what is missing', async () => {
    const res = await h.app.inject({ url: '/v1/models/app-card/versions/1/report', headers: viewer() });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ roc: [], lift: [], calibration: [], psi: null, ksScore: null, scoreDistribution: null });
    expect(r.missing).toEqual(['roc', 'lift', 'calibration', 'psi']);
    expect(r.bins.length).toBeGreaterThan(0);
  });

  it('computes PSI of live decision scores against the development distribution: ≈0 when alike, act when shifted', async () => {
    // live scores drawn from the development distribution itself → PSI ≈ 0
    await seedScored(h.store, 'app-card', 2, devPoints, '2026-11-20T10:00:00Z');
    const same = (await h.app.inject({ url: '/v1/models/app-card/versions/2/report', headers: viewer() })).json();
    expect(same.psi).toBeLessThan(0.001);
    expect(same.psiDetail).toMatchObject({ status: 'ok', liveCount: devPoints.length });
    expect(same.missing).toEqual([]);
    // a newer, riskier population (60 points lower) dominates the newest-first window → act
    await seedScored(
      h.store,
      'app-card',
      2,
      devPoints.map((p) => p - 60),
      '2026-11-24T10:00:00Z',
    );
    const shifted = (await h.app.inject({ url: '/v1/models/app-card/versions/2/report', headers: viewer() })).json();
    expect(shifted.psi).toBeGreaterThan(0.25);
    expect(shifted.psiDetail.status).toBe('act');
    // decisions made with another version do not count toward this one
    const v1 = (await h.app.inject({ url: '/v1/models/app-card/versions/1/report', headers: viewer() })).json();
    expect(v1.psi).toBeNull();
  });

  it('reports gain importance instead of bins for trees', async () => {
    const res = await h.app.inject({ url: '/v1/models/app-gbdt/versions/1/report', headers: viewer() });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.bins).toEqual([]);
    expect(r.missing).toContain('bins');
    expect(r.importance.length).toBeGreaterThan(3);
    expect(r.importance[0].gain).toBeGreaterThanOrEqual(r.importance[1].gain);
    expect(r.importance.reduce((s: number, i: { share: number }) => s + i.share, 0)).toBeCloseTo(1, 4);
    expect(r.roc[0]).toEqual([0, 0]);
  });

  it('compares two versions side by side', async () => {
    const res = await h.app.inject({ url: '/v1/models/app-card/compare?a=1&b=2', headers: viewer() });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.a.version).toBe(1);
    expect(c.b.version).toBe(2);
    expect(c.b.roc.length).toBeGreaterThan(20);
    expect(c.delta.auc).toBeCloseTo(0, 9);
    expect(c.delta.psi).toBeNull();
    const bad = await h.app.inject({ url: '/v1/models/app-card/compare?a=1', headers: viewer() });
    expect(bad.statusCode).toBe(400);
  });

  it('is 404 for another tenant and for an unknown version', async () => {
    for (const [url, key] of [
      ['/v1/models/app-card/versions/2/report', 't2-admin'],
      ['/v1/models/app-card/compare?a=1&b=2', 't2-admin'],
      ['/v1/models/app-card/compare?a=1&b=9', 't1-viewer'],
    ] as const) {
      const res = await h.app.inject({ url, headers: { authorization: `Bearer ${h.keys[key]}` } });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('roc');
    }
  });
});

describe('console curves', () => {
  it('draws the served curves as accessible SVG: title, desc with the figures, labelled axes, path from (0,0)', async () => {
    // the console is type-checked with its own tsconfig; load the component at run time only
    const path = '../../src/web/components/model-curves.tsx';
    const { ModelCurves } = (await import(path)) as { ModelCurves: FunctionComponent<{ series: unknown[] }> };
    const r = (await h.app.inject({ url: '/v1/models/app-card/versions/2/report', headers: viewer() })).json();
    const html = renderToStaticMarkup(
      createElement(ModelCurves, {
        series: [
          { label: 'app-card@2', auc: r.auc, ...r },
          { label: 'again', ...r },
        ],
      }),
    );
    expect(html.match(/<svg[^>]*role="img"/g)).toHaveLength(3);
    for (const t of ['ROC curve', 'Cumulative gains (riskiest first)', 'Calibration by decile'])
      expect(html).toContain(`${t}</title>`);
    expect(html).toContain(`app-card@2: AUC ${r.auc.toFixed(3)}`);
    for (const axis of ['false-positive rate', 'true-positive rate', 'share of bads captured', 'observed bad rate'])
      expect(html).toContain(`>${axis}</text>`);
    // the ROC path starts at the chart's origin (fpr 0, tpr 0 → left, bottom)
    expect(html).toMatch(/<path d="M44\.00,182\.00 /);
    const empty = renderToStaticMarkup(
      createElement(ModelCurves, { series: [{ label: 'v1', roc: [], lift: [], calibration: [] }] }),
    );
    expect(empty).toBe('');
  });
});
