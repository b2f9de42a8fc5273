import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing } from '../../src/core/index.js';
import { createMarketingService, saveCampaign, type PrescreenEntry } from '../../src/marketing/index.js';
import type { Store } from '../../src/store/index.js';
import { storeFactories } from '../support/stores.js';

const DAY = 86_400_000;

const entry = (n: number, key: string, offered: boolean): PrescreenEntry => ({
  entryNo: n,
  ref: `P-${n}`,
  prospectKey: key,
  offered,
  limit: offered ? 5000 : null,
  price: offered ? 0.18 : null,
  outcome: offered ? 'offer' : 'excluded',
  reasons: offered ? [] : [{ code: 'INCOME_BELOW_MINIMUM', message: 'income' }],
});

describe.each(storeFactories)('campaign take-up matched from the book on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)(
    'an offered prospect who applies within the offer window is taken up; the later bad rate comes from the loan',
    async () => {
      const db = store.db;
      const created = Date.now() - 100 * DAY;
      const iso = (ms: number) => new Date(ms).toISOString();
      await saveCampaign(
        db,
        't1',
        {
          campaignId: 'cmp-1',
          name: 'spring',
          terms: { product: 'cash-loan', amount: 5000, term: 12 },
          summary: {
            prospects: 5,
            offers: 4,
            excluded: 1,
            exclusionsByReason: {},
            averageLimit: 5000,
            averagePrice: 0.18,
          },
          createdBy: 'k',
        },
        [
          entry(1, 'key-a', true),
          entry(2, 'key-b', true),
          entry(3, 'key-c', false),
          entry(4, 'key-d', true),
          entry(5, 'key-e', true),
        ],
      );
      await db.query(`update marketing_campaigns set created_at = $1 where campaign_id = 'cmp-1'`, [iso(created)]);
      const app = (id: string, key: string, at: number) =>
        db.query(
          `insert into applications (tenant_id, application_id, submitted_at, snapshot) values ('t1', $1, $2, $3)`,
          [id, iso(at), JSON.stringify({ product: 'cash-loan', amount: 5000, applicant: { nationalIdHash: key } })],
        );
      await app('APP-A0', 'key-a', created - 30 * DAY); // before the campaign: not a take-up
      await app('APP-A', 'key-a', created + 10 * DAY); // within the window
      await app('APP-A2', 'key-a', created + 20 * DAY); // later again: the first one counts
      await app('APP-B', 'key-b', created - 5 * DAY); // applied only before the campaign
      await app('APP-C', 'key-c', created + 5 * DAY); // was not offered
      await app('APP-D', 'key-d', created + 95 * DAY); // after the offer window
      await app('APP-OTHER', 'key-a', created + 3 * DAY).then(() =>
        db.query(`update applications set tenant_id = 't2' where application_id = 'APP-OTHER'`),
      ); // another tenant's application of the same hash is not this tenant's take-up
      // prospect E applied live (a stored decision, no imported application)
      await db.query(
        `insert into decisions (tenant_id, decision_id, application_id, request_hash, outcome, flow_version, decision,
           input, created_at) values ('t1', 'dec-e', 'APP-E', 'h', 'approve', 'default', '{}', $1, $2)`,
        [JSON.stringify({ application: { applicant: { nationalIdHash: 'key-e' } } }), iso(created + 40 * DAY)],
      );
      // A's loan: the first instalment fell due 60 days ago and was never paid (ever 30+ DPD)
      await db.query(
        `insert into loans (tenant_id, loan_id, application_id, product, principal, term_months, apr, disbursed_at, status)
         values ('t1', 'L-A', 'APP-A', 'cash-loan', 5000, 12, 0.18, $1, 'active')`,
        [iso(created + 11 * DAY)],
      );
      await db.query(
        `insert into loan_installments (tenant_id, loan_id, installment_number, due_date, principal_due, interest_due)
         values ('t1', 'L-A', 1, $1::date, 400, 75)`,
        [iso(Date.now() - 60 * DAY).slice(0, 10)],
      );

      const service = createMarketingService({
        store,
        keyRing: createKeyRing(Buffer.alloc(32, 2)),
        prescreenStages: () => [],
      });
      const results = await service.campaignResults('t1', 'cmp-1');
      expect(results).toMatchObject({ takenUp: 2, takeUpRate: 0.5, loans: 1, badLoans: 1, badRate: 1 });
      const entries = await service.campaignEntries('t1', 'cmp-1', { limit: 10 });
      const by = Object.fromEntries(entries.map((e) => [e.ref, e]));
      expect(by['P-1']).toMatchObject({ applicationId: 'APP-A', takenUpAt: iso(created + 10 * DAY) });
      expect(by['P-5']).toMatchObject({ applicationId: 'APP-E', takenUpAt: iso(created + 40 * DAY) });
      for (const ref of ['P-2', 'P-3', 'P-4']) expect(by[ref]!.takenUpAt).toBeNull();
      // the sweep runs on every read and changes nothing already matched
      expect(await service.campaignResults('t1', 'cmp-1')).toMatchObject({ takenUp: 2, badLoans: 1 });
    },
  );
});
