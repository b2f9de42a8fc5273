import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import {
  explainScore,
  fitAndEvaluate,
  modelToJSON,
  readLabelledDataset,
  seededRandom,
} from '../../src/models/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';
import { sampleApplication } from '../support/applications.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-models-'));
const ADMIN = 'rk_models_admin_key_0123456789ab';
let node: RunningNode;
let analyst: string;
let approver: string;

/** A training table whose columns are decision fact names, so the model reads the live facts directly. */
function trainingCsv(): string {
  const rnd = seededRandom(11);
  const lines = ['applicant.age,dti,bad'];
  for (let i = 0; i < 3000; i++) {
    const age = 18 + Math.floor(rnd() * 50);
    const dti = Math.round(rnd() * 1000) / 1000;
    const logit = -1.5 - 0.06 * (age - 35) + 3 * (dti - 0.4);
    lines.push(`${age},${dti},${rnd() < 1 / (1 + Math.exp(-logit)) ? 1 : 0}`);
  }
  return lines.join('\n');
}

beforeAll(async () => {
  node = await startNode(
    loadConfig({ RISKLOOP_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', RISKLOOP_BOOTSTRAP_API_KEY: ADMIN }),
    { listen: false },
  );
  // two people: an analyst who registers and drafts, an admin who approves and publishes (four eyes)
  analyst = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'analyst', ownerUserId: 'usr_ana' })).secret;
  approver = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'admin', ownerUserId: 'usr_bob' })).secret;
}, 120_000);
afterAll(async () => {
  await node?.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (method: 'GET' | 'POST', url: string, key: string, payload?: unknown) =>
  node.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });

describe('from a CSV to an approved scorecard deciding in a flow', () => {
  it('registers, approves with four eyes, deploys by name@version, and scores decisions with reasons', async () => {
    const file = join(dir, 'train.csv');
    writeFileSync(file, trainingCsv());
    const labelled = readLabelledDataset(file, { target: 'bad' });
    const fit = fitAndEvaluate({ data: labelled.data, y: labelled.y, target: 'bad', kind: 'scorecard' });
    expect(fit.evaluation.auc).toBeGreaterThan(0.6);

    const reg = await call('POST', '/v1/models', analyst, {
      name: 'app-card',
      model: modelToJSON(fit.model),
      metrics: { auc: fit.evaluation.auc, ks: fit.evaluation.ks },
      dataFingerprint: 'a'.repeat(64),
    });
    expect(reg.statusCode).toBe(201);
    expect(reg.json()).toMatchObject({ name: 'app-card', version: 1, status: 'draft' });

    const flow = (version: string) => ({
      schemaVersion: 1,
      flowId: 'scored',
      name: 'Scored',
      stages: [{ id: 'card', type: 'model', model: { name: 'app-card', version }, output: 'app_score', primary: true }],
      bands: [
        { name: 'A', minScore: 560 },
        { name: 'B', minScore: 0, outcome: 'review' },
      ],
      strategy: { pricing: { aprByBand: { A: 0.15, B: 0.25 } } },
    });
    const early = await call('POST', '/v1/flows', analyst, { document: flow('1') });
    expect(early.statusCode).toBe(400);
    expect(early.json().detail).toMatch(/app-card@1 is not an approved model/);

    expect((await call('POST', '/v1/models/app-card/versions/1/approve', analyst)).statusCode).toBe(403);
    // the bootstrap key belongs to no person: it cannot be the second pair of eyes
    expect((await call('POST', '/v1/models/app-card/versions/1/approve', ADMIN)).statusCode).toBe(403);
    const approved = await call('POST', '/v1/models/app-card/versions/1/approve', approver);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');

    expect((await call('POST', '/v1/flows', analyst, { document: flow('1') })).statusCode).toBeLessThan(300);
    const pub = await call('POST', '/v1/flows/scored/versions/1/publish', approver, { comment: 'scorecard live' });
    expect(pub.statusCode).toBe(200);

    const res = await call('POST', '/v1/decisions', ADMIN, sampleApplication({ applicationId: 'SCORED-1' }));
    expect(res.statusCode).toBe(200);
    const decision = res.json();
    expect(decision.flowVersion).toBe('scored@1');
    expect(decision.modelVersions).toEqual({ 'app-card': '1' });
    const facts = (
      (await node.store.decisions.get('demo', decision.decisionId))!.input as { facts: Record<string, unknown> }
    ).facts;
    expect(decision.score).toBeCloseTo(explainScore(fit.model, facts).score, 6);

    const listed = await call('GET', '/v1/models', analyst);
    expect(listed.json().items[0]).toMatchObject({ approvedBy: expect.any(String), author: expect.any(String) });
    expect(listed.json().items[0].approvedBy).not.toBe(listed.json().items[0].author);
  });

  it('one admin with two keys is one pair of eyes: registering with key A and approving with key B is refused', async () => {
    const file = join(dir, 'solo.csv');
    writeFileSync(file, trainingCsv());
    const labelled = readLabelledDataset(file, { target: 'bad' });
    const fit = fitAndEvaluate({ data: labelled.data, y: labelled.y, target: 'bad', kind: 'scorecard' });
    const reg = await call('POST', '/v1/models', approver, {
      name: 'solo-card',
      model: modelToJSON(fit.model),
      metrics: { auc: fit.evaluation.auc },
      dataFingerprint: 'c'.repeat(64),
    });
    expect(reg.statusCode).toBe(201);
    // key B, made by the same admin, acts for the same person
    const keyB = await call('POST', '/v1/keys', approver, { role: 'admin', name: 'second key' });
    expect(keyB.statusCode).toBe(201);
    expect(keyB.json().ownerUserId).toBe('usr_bob');
    const refused = await call('POST', '/v1/models/solo-card/versions/1/approve', keyB.json().secret);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/other than its author/);
    expect((await call('GET', '/v1/models?name=solo-card', analyst)).json().items[0].status).toBe('draft');
    // a different person approves it
    const ana = await node.store.apiKeys.create({ tenantId: 'demo', role: 'admin', ownerUserId: 'usr_carol' });
    expect((await call('POST', '/v1/models/solo-card/versions/1/approve', ana.secret)).statusCode).toBe(200);
  });

  it('an approved bcard re-scores borrowers on post-loan events and a low score raises an alert', async () => {
    const rnd = seededRandom(5);
    const lines = ['consortium.loans_7d,consortium.loans_30d,bad'];
    for (let i = 0; i < 4000; i++) {
      const loans7 = Math.floor(rnd() * 4);
      const loans30 = loans7 + Math.floor(rnd() * 3);
      const p = loans7 >= 2 ? 0.95 : loans7 === 1 ? 0.3 : 0.02;
      lines.push(`${loans7},${loans30},${rnd() < p ? 1 : 0}`);
    }
    const file = join(dir, 'bcard.csv');
    writeFileSync(file, lines.join('\n'));
    const labelled = readLabelledDataset(file, { target: 'bad' });
    const fit = fitAndEvaluate({ data: labelled.data, y: labelled.y, target: 'bad', kind: 'scorecard' });
    const reg = await call('POST', '/v1/models', analyst, {
      name: 'bcard',
      model: modelToJSON(fit.model),
      metrics: { auc: fit.evaluation.auc },
      dataFingerprint: 'b'.repeat(64),
    });
    expect(reg.statusCode).toBe(201);
    expect((await call('POST', `/v1/models/bcard/versions/${reg.json().version}/approve`, approver)).statusCode).toBe(
      200,
    );

    const event = (i: number, day: number) => ({
      eventId: `bc-${i}`,
      tenantId: 'demo',
      borrowerId: 'borrower-bcard',
      occurredAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00Z`,
      type: 'consortium',
      kind: 'loan',
      memberId: `m-${i}`,
      amount: 1000,
    });
    expect((await call('POST', '/v1/events', ADMIN, { events: [event(1, 10), event(2, 11)] })).statusCode).toBe(202);
    await node.monitoring.idle();
    const alerts = (await call('GET', '/v1/alerts?borrowerId=borrower-bcard', ADMIN)).json().items;
    const low = alerts.find((a: { triggerId: string }) => a.triggerId === 'bcard_low');
    expect(low).toBeDefined();
    expect(low.reasons[0]).toMatch(/B-card re-score \d+/);
    expect(low.values['bcard.score']).toBeLessThan(520);
  });
});
