/**
 * A small book for the console journeys, seeded through the public API: a published flow whose rule D01 declines
 * large amounts and whose rule R01 sends long terms to review, and a ring of five applications sharing one phone
 * and one device — one of them declined by D01, one sent to review; and a scorecard waiting for approval.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitAndEvaluate, modelToJSON, readLabelledDataset, seededRandom } from '../../src/models/index.js';
import { sampleApplication } from '../support/applications.js';

export const RING_PHONE = '13955550101';
export const RING_DEVICE = 'dev-ring-0001';

export const consoleFlow = () => ({
  schemaVersion: 1,
  flowId: 'credit-main',
  name: 'Credit main',
  score: { base: 650 },
  stages: [
    {
      id: 'policy',
      type: 'rules',
      rules: [
        {
          id: 'D01',
          name: 'Amount above appetite',
          when: 'application.amount > 40000',
          action: 'decline',
          reasonCode: 'AMOUNT_ABOVE_APPETITE',
          message: 'amount {{ application.amount }} is above 40000',
        },
        {
          id: 'R01',
          name: 'Long term',
          when: 'application.term > 24',
          action: 'review',
          reasonCode: 'LONG_TERM_REVIEW',
          message: 'term {{ application.term }} months needs a second look',
        },
      ],
    },
  ],
  bands: [{ name: 'A', minScore: 0 }],
});

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; json: unknown }>;

export function caller(baseUrl: string, apiKey: string): Call {
  return async (method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
}

export interface SeededBook {
  declined: { applicationId: string; decisionId: string };
  review: { applicationId: string; decisionId: string };
}

/** `call` drafts and decides; `publisher` is a second person who puts the flow live (four eyes). */
export async function seedBook(call: Call, publisher: Call): Promise<SeededBook> {
  const must = async (method: string, path: string, body?: unknown, as = call) => {
    const r = await as(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json as Record<string, unknown>;
  };
  await must('POST', '/v1/flows', { document: consoleFlow(), comment: 'first flow' });
  await must('POST', '/v1/flows/credit-main/versions/1/publish', { comment: 'go live' }, publisher);

  const base = Date.parse('2026-11-20T09:00:00Z');
  const decide = async (i: number, overrides: Record<string, unknown>, ring: boolean) => {
    const app = sampleApplication({
      applicationId: `APP-${String(i).padStart(4, '0')}`,
      submittedAt: new Date(base + i * 60_000).toISOString(),
      amount: 8000,
      ...overrides,
    });
    app.applicant.nationalId = `1101011990030${String(7000 + i)}`.slice(0, 17) + 'X';
    app.applicant.name = `Applicant ${i}`;
    app.applicant.email = `a${i}@example.com`;
    app.applicant.bankCard = `62220202001122${String(10000 + i)}`;
    app.applicant.phone = ring ? RING_PHONE : `1390000${String(1000 + i)}`;
    app.applicant.emergencyContacts = [
      { name: `Contact ${i}`, phone: `1370000${String(2000 + i)}`, relation: 'sibling' },
    ];
    if (app.applicant.employment) app.applicant.employment.employerPhone = `0108888${String(1000 + i)}`;
    app.applicant.address = { province: 'BJ', city: 'Beijing', line: `${i} Quiet Street` };
    app.device = { ...app.device!, deviceId: ring ? RING_DEVICE : `dev-solo-${i}` };
    app.ip = ring ? '198.51.100.7' : `203.0.${i}.9`;
    return (await must('POST', '/v1/decisions', app)) as { decisionId: string; applicationId: string; outcome: string };
  };

  // unrelated applicants: approved
  for (let i = 1; i <= 6; i++) await decide(i, {}, false);
  // the ring: five applications, one phone, one device
  const declined = await decide(11, { amount: 50000 }, true);
  const review = await decide(12, { term: 36 }, true);
  for (let i = 13; i <= 15; i++) await decide(i, {}, true);
  if (declined.outcome !== 'decline') throw new Error(`seed: expected a decline, got ${declined.outcome}`);
  if (review.outcome !== 'review') throw new Error(`seed: expected a review, got ${review.outcome}`);
  return {
    declined: { applicationId: declined.applicationId, decisionId: declined.decisionId },
    review: { applicationId: review.applicationId, decisionId: review.decisionId },
  };
}

/** A small scorecard over two decision facts, registered (as a draft) by the seeding key: another admin approves. */
export async function registerScorecard(call: Call, dir: string): Promise<void> {
  const rnd = seededRandom(11);
  const lines = ['applicant.age,dti,bad'];
  for (let i = 0; i < 2000; i++) {
    const age = 18 + Math.floor(rnd() * 50);
    const dti = Math.round(rnd() * 1000) / 1000;
    const logit = -1.5 - 0.06 * (age - 35) + 3 * (dti - 0.4);
    lines.push(`${age},${dti},${rnd() < 1 / (1 + Math.exp(-logit)) ? 1 : 0}`);
  }
  const file = join(dir, 'train.csv');
  writeFileSync(file, lines.join('\n'));
  const labelled = readLabelledDataset(file, { target: 'bad' });
  const fit = fitAndEvaluate({ data: labelled.data, y: labelled.y, target: 'bad', kind: 'scorecard' });
  const r = await call('POST', '/v1/models', {
    name: 'app-card',
    model: modelToJSON(fit.model),
    metrics: { auc: fit.evaluation.auc, ks: fit.evaluation.ks },
    dataFingerprint: 'a'.repeat(64),
  });
  if (r.status !== 201) throw new Error(`register model: ${r.status} ${JSON.stringify(r.json)}`);
}
