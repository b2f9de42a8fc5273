import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlAlertStore, type Alert } from '../../src/monitoring/index.js';
import type { Store } from '../../src/store/index.js';
import { storeFactories } from '../support/stores.js';

const BORROWER = 'nid_hash_borrower_1';

const alert = (over: Partial<Alert> = {}): Alert => ({
  alertId: 'alt_loans_1',
  tenantId: 't1',
  borrowerId: BORROWER,
  triggerId: 'multi_borrowing_7d',
  triggerName: 'Three loans elsewhere in a week',
  severity: 'high',
  reasons: ['3 new loans at other lenders in 7 days'],
  values: {},
  loans: [],
  actions: [],
  eventId: 'e1',
  occurredAt: '2024-05-20T09:00:00.000Z',
  raisedAt: '2024-05-20T09:00:00.010Z',
  ...over,
});

async function seedBook(store: Store): Promise<void> {
  const app = (id: string, nid: string) =>
    store.db.query(
      `insert into applications (tenant_id, application_id, submitted_at, snapshot) values ($1,$2,$3,$4)`,
      ['t1', id, '2024-01-05T00:00:00Z', JSON.stringify({ applicant: { nationalIdHash: nid } })],
    );
  await app('app_1', BORROWER);
  await app('app_2', 'nid_hash_someone_else');
  const loan = (id: string, appId: string, status: string) =>
    store.db.query(
      `insert into loans (tenant_id, loan_id, application_id, product, principal, term_months, apr, disbursed_at, status)
       values ('t1', $1, $2, 'cash', 3000, 3, 0.2, '2024-01-10T00:00:00Z', $3)`,
      [id, appId, status],
    );
  await loan('loan_1', 'app_1', 'active');
  await loan('loan_old', 'app_1', 'paid-off');
  await loan('loan_2', 'app_2', 'active');
  for (const id of ['loan_1', 'loan_2'])
    for (const [n, due] of [
      [1, '2024-02-10'],
      [2, '2024-03-10'],
      [3, '2024-04-10'],
    ] as const)
      await store.db.query(
        `insert into loan_installments (tenant_id, loan_id, installment_number, due_date, principal_due, interest_due)
         values ('t1', $1, $2, $3, 1000, 50)`,
        [id, n, due],
      );
  // the first instalment paid on time; the second and third never
  await store.db.query(
    `insert into repayment_events (tenant_id, event_id, loan_id, paid_at, amount, installment_number)
     values ('t1', 'rp_1', 'loan_1', '2024-02-09T00:00:00Z', 1050, 1)`,
  );
}

describe.each(storeFactories)('alerts carry the borrower’s loans ($kind)', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    await seedBook(store);
  });
  afterAll(async () => store?.dispose());

  it.skipIf(factory.unavailable)('fills open loans with outstanding, DPD and bucket as of the event', async () => {
    const alerts = createSqlAlertStore(store.db);
    expect(await alerts.record(alert())).toBe(true);
    const [stored] = await alerts.list({ tenantId: 't1', borrowerId: BORROWER });
    // instalment 2 (due 10 March) is the oldest unpaid: 71 days past due on 20 May; paid-off loans and other people's
    // loans are not listed
    expect(stored?.loans).toEqual([{ loanId: 'loan_1', outstanding: 2100, dpd: 71, bucket: 'M3' }]);
  });

  it.skipIf(factory.unavailable)('a borrower without loans with us gets an empty list', async () => {
    const alerts = createSqlAlertStore(store.db);
    await alerts.record(alert({ alertId: 'alt_loans_2', borrowerId: 'nid_hash_stranger' }));
    const [stored] = await alerts.list({ tenantId: 't1', borrowerId: 'nid_hash_stranger' });
    expect(stored?.loans).toEqual([]);
  });
});
