/**
 * The output files and their columns, in order, with meaning: one source for the CSV and Parquet writers and
 * for the column reference in the docs (a test checks the docs name every column).
 */
import type { PopulationTables, TableName } from './types.js';

/**
 * `id`: never needs CSV quoting (ids, enums, ISO dates); `text`: may contain commas or quotes;
 * `int`/`float`: numbers; `bool`: true/false; `int?`: integer or empty.
 */
export type ColumnKind = 'id' | 'text' | 'int' | 'float' | 'bool' | 'int?';

export interface ColumnSpec<Row> {
  name: keyof Row & string;
  kind: ColumnKind;
  description: string;
}

export type TableSpecs = { [T in TableName]: ReadonlyArray<ColumnSpec<PopulationTables[T]>> };

export const tableOrder: readonly TableName[] = [
  'institutions',
  'applicants',
  'applications',
  'devices',
  'loans',
  'repayments',
  'consortium_events',
  'truth',
];

export const tableSpecs: TableSpecs = {
  institutions: [
    { name: 'institutionId', kind: 'id', description: '`I000` is the lender whose book this is; `I001`… are members' },
    { name: 'name', kind: 'text', description: 'display name' },
    { name: 'type', kind: 'id', description: 'bank, consumer-finance, microloan or online-lender' },
    { name: 'self', kind: 'bool', description: 'true for the lender itself' },
  ],
  applicants: [
    { name: 'applicantId', kind: 'id', description: 'person key (`C…`), stable across their applications' },
    {
      name: 'nationalId',
      kind: 'id',
      description: '18-character resident id: region, birth date, sequence (odd = male), MOD 11-2 check',
    },
    { name: 'name', kind: 'text', description: 'full name (romanised)' },
    { name: 'gender', kind: 'id', description: 'M or F (agrees with the id sequence digit)' },
    { name: 'dateOfBirth', kind: 'id', description: 'YYYY-MM-DD (agrees with the id)' },
    { name: 'idRegionCode', kind: 'id', description: 'first six digits of the id: county of registration' },
    { name: 'phone', kind: 'id', description: 'first mobile number given (11 digits)' },
    { name: 'email', kind: 'id', description: 'first email given' },
    { name: 'firstSeenAt', kind: 'id', description: 'submission time of their first application' },
  ],
  applications: [
    { name: 'applicationId', kind: 'id', description: 'application key (`A…`), increasing with time' },
    { name: 'applicantId', kind: 'id', description: 'the person the application is filed under (by national id)' },
    { name: 'institutionId', kind: 'id', description: 'always `I000` (the lender)' },
    {
      name: 'submittedAt',
      kind: 'id',
      description: 'ISO timestamp (UTC); months follow the seasonality, hours the daily profile',
    },
    { name: 'channel', kind: 'id', description: 'app, web, affiliate or partner' },
    { name: 'product', kind: 'id', description: 'cash-loan (terms ≤ 6 months) or installment-loan' },
    { name: 'amount', kind: 'int', description: 'requested principal (CNY)' },
    { name: 'term', kind: 'int', description: 'requested term in months (3, 6, 12, 24)' },
    { name: 'purpose', kind: 'id', description: 'declared loan purpose' },
    { name: 'declaredIncome', kind: 'int', description: 'declared monthly income (CNY), log-normal' },
    { name: 'declaredObligations', kind: 'int', description: 'declared monthly debt service (CNY)' },
    { name: 'nationalId', kind: 'id', description: 'national id on the application (a stolen one for identity theft)' },
    { name: 'name', kind: 'text', description: 'applicant name' },
    { name: 'dateOfBirth', kind: 'id', description: 'YYYY-MM-DD' },
    { name: 'age', kind: 'int', description: 'age in whole years at submission' },
    {
      name: 'phone',
      kind: 'id',
      description: 'mobile given on this application (may differ from the applicant’s first)',
    },
    { name: 'phoneTenureMonths', kind: 'int', description: 'months the number has been in service (carrier lookup)' },
    { name: 'email', kind: 'id', description: 'email given on this application' },
    { name: 'bankCard', kind: 'id', description: '16-digit debit card for disbursement (Luhn-valid)' },
    { name: 'addressProvince', kind: 'text', description: 'province of residence' },
    { name: 'addressCity', kind: 'text', description: 'city of residence' },
    { name: 'addressLine', kind: 'text', description: 'street, building and unit' },
    {
      name: 'employmentStatus',
      kind: 'id',
      description: 'employed, self-employed, student, retired, unemployed, other',
    },
    { name: 'employer', kind: 'text', description: 'employer name (empty unless employed or self-employed)' },
    { name: 'monthsInJob', kind: 'int', description: 'months with the current employer' },
    { name: 'education', kind: 'id', description: 'junior-high, high-school, college, bachelor, master' },
    { name: 'maritalStatus', kind: 'id', description: 'single, married, divorced, widowed' },
    { name: 'contactName', kind: 'text', description: 'emergency contact name' },
    { name: 'contactPhone', kind: 'id', description: 'emergency contact mobile' },
    { name: 'contactRelation', kind: 'id', description: 'parent, spouse, sibling, child, friend, colleague' },
    { name: 'deviceId', kind: 'id', description: 'device the application came from (see devices)' },
    { name: 'platform', kind: 'id', description: 'android or ios' },
    { name: 'osVersion', kind: 'id', description: 'OS version reported by the device' },
    { name: 'model', kind: 'text', description: 'device model (may contain a comma, e.g. iPhone13,2)' },
    { name: 'emulator', kind: 'bool', description: 'the device SDK detected an emulator' },
    { name: 'rooted', kind: 'bool', description: 'the device SDK detected root / jailbreak' },
    { name: 'proxy', kind: 'bool', description: 'the connection came through a proxy / data-centre address' },
    { name: 'ip', kind: 'id', description: 'IPv4 address of the session' },
    { name: 'decision', kind: 'id', description: 'approve or decline by the incumbent policy (observables only)' },
    { name: 'decidedAt', kind: 'id', description: 'ISO timestamp of the decision' },
  ],
  devices: [
    { name: 'deviceId', kind: 'id', description: '16 hex characters' },
    { name: 'platform', kind: 'id', description: 'android or ios' },
    { name: 'manufacturer', kind: 'text', description: 'manufacturer reported' },
    { name: 'model', kind: 'text', description: 'model code reported (may contain a comma, e.g. iPhone13,2)' },
    { name: 'osVersion', kind: 'id', description: 'OS version' },
    {
      name: 'imageHash',
      kind: 'id',
      description: 'system-image hash: shared by all phones of one model/firmware and by clones of one emulator image',
    },
    { name: 'emulator', kind: 'bool', description: 'emulator detected' },
    { name: 'rooted', kind: 'bool', description: 'root / jailbreak detected' },
    { name: 'firstSeenAt', kind: 'id', description: 'first application from this device' },
  ],
  loans: [
    { name: 'loanId', kind: 'id', description: 'loan key (`L…`)' },
    { name: 'applicationId', kind: 'id', description: 'the funded application' },
    { name: 'applicantId', kind: 'id', description: 'the borrower' },
    { name: 'product', kind: 'id', description: 'as on the application' },
    { name: 'principal', kind: 'int', description: 'disbursed principal (= requested amount)' },
    { name: 'termMonths', kind: 'int', description: 'number of monthly instalments' },
    { name: 'apr', kind: 'float', description: 'annual rate, priced from the policy score (0.08–0.36)' },
    { name: 'installmentAmount', kind: 'float', description: 'equal monthly instalment (principal + interest)' },
    { name: 'disbursedAt', kind: 'id', description: 'ISO timestamp of disbursement' },
    { name: 'status', kind: 'id', description: 'active, paid-off or written-off (180+ dpd) at the as-of date' },
    { name: 'dpdAsOf', kind: 'int', description: 'days past due of the oldest unpaid instalment at the as-of date' },
    { name: 'maxDpd', kind: 'int', description: 'worst days past due seen up to the as-of date' },
  ],
  repayments: [
    { name: 'loanId', kind: 'id', description: 'the loan' },
    { name: 'installmentNumber', kind: 'int', description: '1…termMonths' },
    { name: 'dueDate', kind: 'id', description: 'YYYY-MM-DD, same day each month (clamped to the 28th)' },
    { name: 'principalDue', kind: 'float', description: 'principal part of the instalment' },
    { name: 'interestDue', kind: 'float', description: 'interest part of the instalment' },
    { name: 'eventId', kind: 'id', description: 'payment event id (`P…`), empty while unpaid' },
    { name: 'paidAt', kind: 'id', description: 'ISO timestamp of the payment, empty if unpaid at the as-of date' },
    { name: 'paidAmount', kind: 'float', description: 'amount paid against this instalment' },
    { name: 'dpd', kind: 'int', description: 'days late it was paid, or days overdue at the as-of date if unpaid' },
    {
      name: 'bucket',
      kind: 'int?',
      description:
        'loan delinquency in the month after this due date: 0 current, 1 = M1 (1–30 dpd), 2 = M2, …; empty if not yet observed',
    },
    { name: 'status', kind: 'id', description: 'paid, paid-late, overdue, or scheduled (due after the as-of date)' },
  ],
  consortium_events: [
    { name: 'eventId', kind: 'id', description: 'event key (`E…`)' },
    { name: 'occurredAt', kind: 'id', description: 'ISO timestamp (never after the as-of date)' },
    { name: 'institutionId', kind: 'id', description: 'reporting member' },
    { name: 'institutionType', kind: 'id', description: 'bank, consumer-finance, microloan, online-lender' },
    { name: 'eventType', kind: 'id', description: 'application, approval, loan or overdue' },
    { name: 'nationalId', kind: 'id', description: 'identity reported (to be keyed-hashed on import)' },
    { name: 'phone', kind: 'id', description: 'mobile reported' },
    { name: 'amount', kind: 'int', description: 'amount applied for / approved / lent / overdue' },
    { name: 'dpd', kind: 'int', description: 'days past due for overdue events, else 0' },
  ],
  truth: [
    { name: 'applicationId', kind: 'id', description: 'the application' },
    { name: 'applicantId', kind: 'id', description: 'the applicant' },
    { name: 'fraudType', kind: 'id', description: 'none, first-party, identity-theft, ring or device-farm' },
    { name: 'ringId', kind: 'id', description: 'fraud ring (`R…`) for ring members, else empty' },
    { name: 'farmId', kind: 'id', description: 'device farm (`F…`) for farm accounts, else empty' },
    {
      name: 'latentRisk',
      kind: 'float',
      description: 'the hidden standard-normal risk that drove features and outcome',
    },
    { name: 'funded', kind: 'bool', description: 'approved and disbursed' },
    {
      name: 'defaulted',
      kind: 'bool',
      description: 'reached 90+ dpd within term + 3 months (counterfactual if not funded)',
    },
    {
      name: 'firstPaymentDefault',
      kind: 'bool',
      description: 'first instalment still unpaid 30 days after due (counterfactual if not funded)',
    },
  ],
};
