/**
 * Live champion / challenger split: a challenger published with a traffic share decides that share of applicants,
 * picked by a stable hash of the applicant (the same person always meets the same arm), the arm is stored with
 * each decision, the champion shadows the challenger's decisions, and outcomes per arm (approvals, bad rate of
 * mature loans) come back through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import { sampleApplication } from '../support/applications.js';
import type { Store } from '../../src/store/index.js';
import { call, creditFlow, startNode, TENANT, type Node } from './harness.js';

const N = 200;
const person = (i: number) =>
  sampleApplication({
    applicationId: `SPLIT-${i}`,
    amount: 5_000,
    applicant: {
      ...sampleApplication().applicant,
      nationalId: `110101199003${String(i).padStart(6, '0')}`,
      phone: `139${String(i).padStart(8, '0')}`,
    },
  });

describe.each(storeFactories)('live champion / challenger split on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  let node: Node;
  const admin = () => node.keys.admin.secret;
  const analyst = () => node.keys.analyst.secret;
  const decided: Array<{ i: number; decisionId: string; flowVersion: string; outcome: string }> = [];

  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    node = await startNode(store);
    // the champion approves these applicants; the challenger declines everyone (easy to tell apart)
    const champion = creditFlow();
    const challenger = creditFlow({
      stages: [
        {
          id: 'strict',
          type: 'rules',
          rules: [
            {
              id: 'S01',
              name: 'Everyone',
              when: 'application.amount > 0',
              action: 'decline',
              reasonCode: 'STRICT',
              message: 'the strict challenger declines {{ application.amount }}',
            },
          ],
        },
      ],
    });
    for (const [doc, version, body] of [
      [champion, 1, { comment: 'champion' }],
      [challenger, 2, { role: 'challenger', traffic: 0.3, comment: 'strict challenger on 30 %' }],
    ] as const) {
      const draft = await call(node, 'POST', '/v1/flows', analyst(), { document: doc });
      expect(draft.statusCode, draft.body).toBeLessThan(300);
      const pub = await call(node, 'POST', `/v1/flows/credit-main/versions/${version}/publish`, admin(), body);
      expect(pub.statusCode, pub.body).toBe(200);
    }
    for (let i = 0; i < N; i++) {
      const r = await call(node, 'POST', '/v1/decisions', node.keys.decision.secret, person(i));
      expect(r.statusCode, r.body).toBe(200);
      const d = r.json();
      decided.push({ i, decisionId: d.decisionId, flowVersion: d.flowVersion, outcome: d.outcome });
    }
  }, 240_000);
  afterAll(async () => {
    await node?.close();
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)(
    'the challenger decides about its share of applicants, the same person always on the same arm, the arm stored',
    async () => {
      const onChallenger = decided.filter((d) => d.flowVersion === 'credit-main@2');
      const share = onChallenger.length / N;
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(0.4);
      for (const d of decided) expect(d.outcome).toBe(d.flowVersion === 'credit-main@2' ? 'decline' : 'approve');

      // the same applicants apply again (new applications): each meets the arm it met before
      for (const d of decided.slice(0, 40)) {
        const again = await call(node, 'POST', '/v1/decisions', node.keys.decision.secret, {
          ...person(d.i),
          applicationId: `SPLIT-AGAIN-${d.i}`,
        });
        expect(again.json().flowVersion, `applicant ${d.i}`).toBe(d.flowVersion);
      }

      const stored = await store.decisions.get(TENANT, onChallenger[0]!.decisionId);
      const flow = (stored!.input as { flow: { arm: string; version: number; shadow: Array<{ version: number }> } })
        .flow;
      expect(flow.arm).toBe('challenger');
      expect(flow.version).toBe(2);
      // the champion ran in the challenger's shadow
      expect(flow.shadow.map((s) => s.version)).toEqual([1]);
      const champ = await store.decisions.get(
        TENANT,
        decided.find((d) => d.flowVersion === 'credit-main@1')!.decisionId,
      );
      expect((champ!.input as { flow: { arm: string } }).flow.arm).toBe('champion');

      // a challenger-arm decision replays on the challenger
      const replay = await call(node, 'POST', `/v1/decisions/${onChallenger[0]!.decisionId}/replay`, admin());
      expect(replay.statusCode, replay.body).toBe(200);
      expect(replay.json()).toMatchObject({ flowVersion: 'credit-main@2', matches: true });
    },
  );

  it.skipIf(factory.unavailable)(
    'outcomes per arm: decisions, approval rate, and the bad rate of mature loans (30+ DPD or written off)',
    async () => {
      // loans on 40 of the champion's approvals, disbursed 4 months ago; 10 never paid anything (30+ DPD)
      const approved = decided.filter((d) => d.flowVersion === 'credit-main@1').slice(0, 40);
      const q = (sql: string, params: unknown[]) => store.db.query(sql, params);
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      for (const [k, d] of approved.entries()) {
        const loan = `L-SPLIT-${d.i}`;
        await q(
          `insert into loans (tenant_id, loan_id, application_id, product, principal, term_months, apr, disbursed_at, status)
           values ($1, $2, $3, 'cash', 300, 3, 0.1, $4, 'active')`,
          [TENANT, loan, `SPLIT-${d.i}`, day(-120)],
        );
        for (let n = 1; n <= 3; n++)
          await q(
            `insert into loan_installments (tenant_id, loan_id, installment_number, due_date, principal_due, interest_due)
             values ($1, $2, $3, $4, 100, 5)`,
            [TENANT, loan, n, day(-90 + 30 * (n - 1))],
          );
        if (k >= 10)
          await q(`insert into repayment_events values ($1, $2, $3, $4, 315, null)`, [
            TENANT,
            `p-${loan}`,
            loan,
            day(-95),
          ]);
      }
      const res = await call(node, 'GET', '/v1/flows/credit-main/arms', node.keys.viewer.secret);
      expect(res.statusCode, res.body).toBe(200);
      const arms = res.json().items as Array<Record<string, unknown>>;
      const champion = arms.find((a) => a.flowVersion === 'credit-main@1')!;
      const challenger = arms.find((a) => a.flowVersion === 'credit-main@2')!;
      const onChampion = decided.filter((d) => d.flowVersion === 'credit-main@1').length;
      expect(champion).toMatchObject({
        arm: 'champion',
        approvalRate: 1,
        loans: 40,
        matureLoans: 40,
        bad: 10,
        badRate: 0.25,
      });
      expect(champion.decisions).toBeGreaterThanOrEqual(onChampion);
      expect(challenger).toMatchObject({ arm: 'challenger', approved: 0, approvalRate: 0, loans: 0, badRate: null });

      // the shadow report compares the champion's own decisions with the challengers' shadow runs only
      const shadow = await call(node, 'GET', '/v1/flows/shadow', admin());
      const item = shadow.json().items.find((x: { challenger: string }) => x.challenger === 'credit-main@2');
      expect(item.comparison.pairs).toBe(champion.decisions);
    },
  );

  it.skipIf(factory.unavailable)(
    'the share is checked, changed by an admin (audited), and 0 puts the challenger back in shadow',
    async () => {
      const tooMuch = await call(node, 'POST', '/v1/flows/credit-main/versions/2/traffic', admin(), {
        share: 1,
        comment: 'all in',
      });
      expect(tooMuch.statusCode).toBe(400);
      expect(
        (
          await call(node, 'POST', '/v1/flows/credit-main/versions/2/traffic', analyst(), {
            share: 0.1,
            comment: 'x',
          })
        ).statusCode,
      ).toBe(403);
      const off = await call(node, 'POST', '/v1/flows/credit-main/versions/2/traffic', admin(), {
        share: 0,
        comment: 'enough evidence',
      });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json().trafficShare).toBe(0);
      for (const d of decided.filter((x) => x.flowVersion === 'credit-main@2').slice(0, 10)) {
        const r = await call(node, 'POST', '/v1/decisions', node.keys.decision.secret, {
          ...person(d.i),
          applicationId: `SPLIT-OFF-${d.i}`,
        });
        expect(r.json().flowVersion).toBe('credit-main@1');
      }
      const audit = await call(node, 'GET', '/v1/policy/audit?subject=flow:credit-main', admin());
      const rows = audit.json().items as Array<{ action: string; detail: { trafficShare?: number } }>;
      expect(rows.some((r) => r.action === 'flow.traffic' && r.detail.trafficShare === 0)).toBe(true);
      expect(rows.some((r) => r.action === 'flow.published' && r.detail.trafficShare === 0.3)).toBe(true);
    },
  );
});
