import { describe, expect, it } from 'vitest';
import {
  createEventIndex,
  createFeatureEngine,
  createMemoryVelocityStore,
  featureCatalog,
  toConsortiumEvent,
  type ConsortiumEventInput,
  type EventIndex,
} from '../../src/features/index.js';
import { CONSORTIUM_KEY, DAY, T0, TENANT_KEY, ev } from './helpers.js';

function indexOf(inputs: ConsortiumEventInput[]): EventIndex {
  const index = createEventIndex(4);
  for (const i of inputs) {
    const r = toConsortiumEvent(i, CONSORTIUM_KEY);
    if ('issues' in r) throw new Error(JSON.stringify(r.issues));
    index.add(r.event);
  }
  return index;
}

function engineFor(index: EventIndex, institutionId?: string) {
  return createFeatureEngine({
    velocity: createMemoryVelocityStore(),
    events: index,
    tenantKey: TENANT_KEY,
    consortiumKey: CONSORTIUM_KEY,
    institutionId,
  });
}

const ID = '110101199001011234';
const PHONE = '+86 138 0000 0000';

describe('multi-lender features', () => {
  it('declares at least 200 features with one naming scheme, visible in the catalogue', () => {
    const names = featureCatalog()
      .list()
      .map((f) => f.name)
      .filter((n) => n.startsWith('ml_'));
    expect(names.length).toBeGreaterThanOrEqual(200);
    for (const n of names)
      expect(n).toMatch(/^ml_(id|phone)_(bank|consfin|micro|online|all)_[a-z_]+?(_(7d|15d|1m|3m|6m|12m))?$/);
    expect(featureCatalog().get('ml_id_all_orgs_1m')).toMatchObject({
      type: 'number',
      window: '1m',
      entity: 'nationalId',
    });
  });

  it('counts applications, institutions, night applications and approvals per window and type', async () => {
    const index = indexOf([
      ev({ eventType: 'application', occurredAt: T0 - 2 * DAY, nationalId: ID, institutionId: 'bankA' }),
      ev({ eventType: 'application', occurredAt: T0 - 3 * DAY, nationalId: ID, institutionId: 'bankA' }),
      // 23:30 UTC: night
      ev({
        eventType: 'application',
        occurredAt: Date.UTC(2026, 1, 20, 23, 30),
        nationalId: ID,
        institutionId: 'mcB',
        institutionType: 'microloan',
      }),
      ev({
        eventType: 'approval',
        occurredAt: T0 - 9 * DAY,
        nationalId: ID,
        institutionId: 'mcB',
        institutionType: 'microloan',
      }),
      ev({
        eventType: 'application',
        occurredAt: T0 - 100 * DAY,
        phone: PHONE,
        nationalId: ID,
        institutionId: 'olC',
        institutionType: 'online-lender',
      }),
      ev({
        eventType: 'application',
        occurredAt: T0 - 400 * DAY,
        nationalId: ID,
        institutionId: 'olD',
        institutionType: 'online-lender',
      }),
      // someone else
      ev({ eventType: 'application', occurredAt: T0 - DAY, nationalId: '999', institutionId: 'bankA' }),
    ]);
    const f = await engineFor(index).computeFeatures({
      applicationId: 'a1',
      submittedAt: T0,
      nationalId: ID,
      phone: PHONE,
    });
    expect(f.ml_id_all_apps_7d).toBe(2);
    expect(f.ml_id_all_apps_15d).toBe(3);
    expect(f.ml_id_all_apps_3m).toBe(3);
    expect(f.ml_id_all_apps_6m).toBe(4);
    expect(f.ml_id_all_apps_12m).toBe(4);
    expect(f.ml_id_bank_apps_7d).toBe(2);
    expect(f.ml_id_bank_orgs_7d).toBe(1);
    expect(f.ml_id_all_orgs_1m).toBe(2);
    expect(f.ml_id_all_orgs_12m).toBe(3);
    expect(f.ml_id_micro_night_apps_15d).toBe(1);
    expect(f.ml_id_all_night_apps_7d).toBe(0);
    expect(f.ml_id_micro_approvals_15d).toBe(1);
    expect(f.ml_id_all_days_since_app).toBe(2);
    expect(f.ml_id_online_days_since_app).toBe(100);
    expect(f.ml_id_consfin_days_since_app).toBeNull();
    expect(f.ml_phone_all_apps_12m).toBe(1);
    expect(f.ml_phone_online_orgs_6m).toBe(1);
  });

  it('tracks loans: open, outstanding, overdue now and ever, max dpd', async () => {
    const index = indexOf([
      // loan 1 at bankA: opened, repaid part, overdue 45 then cured by a repayment
      ev({ eventType: 'loan', occurredAt: T0 - 200 * DAY, nationalId: ID, loanId: 'L1', amount: 1000 }),
      ev({ eventType: 'repayment', occurredAt: T0 - 170 * DAY, nationalId: ID, loanId: 'L1', amount: 300, dpd: 0 }),
      ev({ eventType: 'overdue', occurredAt: T0 - 100 * DAY, nationalId: ID, loanId: 'L1', dpd: 45 }),
      ev({ eventType: 'repayment', occurredAt: T0 - 60 * DAY, nationalId: ID, loanId: 'L1', amount: 200, dpd: 0 }),
      // loan 2 at a microlender: overdue now
      ev({
        eventType: 'loan',
        occurredAt: T0 - 50 * DAY,
        nationalId: ID,
        loanId: 'L2',
        amount: 500,
        institutionId: 'mc',
        institutionType: 'microloan',
      }),
      ev({
        eventType: 'overdue',
        occurredAt: T0 - 5 * DAY,
        nationalId: ID,
        loanId: 'L2',
        dpd: 12,
        institutionId: 'mc',
        institutionType: 'microloan',
      }),
      // loan 3 settled
      ev({
        eventType: 'loan',
        occurredAt: T0 - 300 * DAY,
        nationalId: ID,
        loanId: 'L3',
        amount: 800,
        institutionId: 'cf',
        institutionType: 'consumer-finance',
      }),
      ev({
        eventType: 'settled',
        occurredAt: T0 - 250 * DAY,
        nationalId: ID,
        loanId: 'L3',
        institutionId: 'cf',
        institutionType: 'consumer-finance',
      }),
      // loan 4 written off long ago
      ev({
        eventType: 'loan',
        occurredAt: T0 - 700 * DAY,
        nationalId: ID,
        loanId: 'L4',
        amount: 900,
        institutionId: 'ol',
        institutionType: 'online-lender',
      }),
      ev({
        eventType: 'written-off',
        occurredAt: T0 - 500 * DAY,
        nationalId: ID,
        loanId: 'L4',
        institutionId: 'ol',
        institutionType: 'online-lender',
      }),
    ]);
    const f = await engineFor(index).computeFeatures({ applicationId: 'a1', submittedAt: T0, nationalId: ID });
    expect(f.ml_id_all_loans_open).toBe(2);
    expect(f.ml_id_bank_outstanding).toBe(500);
    expect(f.ml_id_all_outstanding).toBe(1000);
    expect(f.ml_id_all_overdue_now).toBe(1);
    expect(f.ml_id_micro_overdue_now).toBe(1);
    expect(f.ml_id_bank_overdue_now).toBe(0);
    expect(f.ml_id_all_overdue_ever).toBe(3);
    expect(f.ml_id_all_max_dpd_ever).toBe(45);
    expect(f.ml_id_all_max_dpd_1m).toBe(12);
    expect(f.ml_id_all_max_dpd_6m).toBe(45);
    expect(f.ml_id_all_loans_12m).toBe(3);
    expect(f.ml_id_consfin_loans_open).toBe(0);
    // no phone given: phone features are null, not zero
    expect(f.ml_phone_all_apps_12m).toBeNull();

    // as of before the overdue on L2 was reported, it was not overdue
    const earlier = await engineFor(index).computeFeatures({
      applicationId: 'a0',
      submittedAt: T0 - 6 * DAY,
      nationalId: ID,
    });
    expect(earlier.ml_id_micro_overdue_now).toBe(0);
    expect(earlier.ml_id_all_max_dpd_ever).toBe(45);
  });

  it('leaves the asking lender’s own events out', async () => {
    const index = indexOf([
      ev({ eventType: 'application', occurredAt: T0 - DAY, nationalId: ID, institutionId: 'me' }),
      ev({ eventType: 'application', occurredAt: T0 - DAY, nationalId: ID, institutionId: 'other' }),
    ]);
    const f = await engineFor(index, 'me').computeFeatures({ applicationId: 'a', submittedAt: T0, nationalId: ID });
    expect(f.ml_id_all_apps_7d).toBe(1);
    const g = await engineFor(index).computeFeatures({ applicationId: 'a', submittedAt: T0, nationalId: ID });
    expect(g.ml_id_all_apps_7d).toBe(2);
  });

  it('rejects malformed events naming the field, without echoing identifiers', () => {
    const r = toConsortiumEvent(
      {
        eventId: 'x',
        institutionId: 'b',
        institutionType: 'pawnshop',
        eventType: 'loan',
        occurredAt: 'yesterday',
        nationalId: ID,
        dpd: -3,
      },
      CONSORTIUM_KEY,
    );
    expect('issues' in r && r.issues.map((i) => i.path).sort()).toEqual(['/dpd', '/institutionType', '/occurredAt']);
    expect(JSON.stringify(r)).not.toContain(ID);
  });
});
