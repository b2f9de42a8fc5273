/**
 * Flat rows the generator emits, one interface per output file. Field names follow src/core/schemas.ts
 * (Application, Applicant, Device, Loan, RepaymentSchedule/RepaymentEvent, Institution), flattened one level
 * (`applicant.address.city` → `addressCity`) so every file is a plain table. Dates are ISO strings.
 */
import type { InstitutionTypes } from '../core/schemas.js';

export type InstitutionType = (typeof InstitutionTypes)[number];
export type FraudType = 'none' | 'first-party' | 'identity-theft' | 'ring' | 'device-farm';
export type EmploymentStatus = 'employed' | 'self-employed' | 'student' | 'retired' | 'unemployed' | 'other';

export interface InstitutionRow {
  institutionId: string;
  name: string;
  type: InstitutionType;
  /** True for the lender whose book this is; the others are consortium members. */
  self: boolean;
}

export interface ApplicantRow {
  applicantId: string;
  nationalId: string;
  name: string;
  gender: 'F' | 'M';
  dateOfBirth: string;
  /** Region of the national id (first six digits), i.e. where the person was registered. */
  idRegionCode: string;
  phone: string;
  email: string;
  firstSeenAt: string;
}

export interface DeviceRow {
  deviceId: string;
  platform: 'android' | 'ios';
  manufacturer: string;
  model: string;
  osVersion: string;
  /** Hash of the system image: shared by every device of one model/firmware and by clones of one emulator image. */
  imageHash: string;
  emulator: boolean;
  rooted: boolean;
  firstSeenAt: string;
}

export interface ApplicationRow {
  applicationId: string;
  applicantId: string;
  institutionId: string;
  submittedAt: string;
  channel: 'app' | 'web' | 'affiliate' | 'partner';
  product: string;
  amount: number;
  term: number;
  purpose: string;
  declaredIncome: number;
  declaredObligations: number;
  nationalId: string;
  name: string;
  dateOfBirth: string;
  age: number;
  phone: string;
  /** Months the phone number has been in service (carrier lookup). */
  phoneTenureMonths: number;
  email: string;
  bankCard: string;
  addressProvince: string;
  addressCity: string;
  addressLine: string;
  employmentStatus: EmploymentStatus;
  employer: string;
  monthsInJob: number;
  education: string;
  maritalStatus: string;
  contactName: string;
  contactPhone: string;
  contactRelation: string;
  deviceId: string;
  platform: 'android' | 'ios';
  osVersion: string;
  model: string;
  emulator: boolean;
  rooted: boolean;
  proxy: boolean;
  ip: string;
  decision: 'approve' | 'decline';
  decidedAt: string;
}

export interface LoanRow {
  loanId: string;
  applicationId: string;
  applicantId: string;
  product: string;
  principal: number;
  termMonths: number;
  apr: number;
  installmentAmount: number;
  disbursedAt: string;
  status: 'active' | 'paid-off' | 'written-off';
  /** Days past due of the oldest unpaid instalment at the as-of date. */
  dpdAsOf: number;
  maxDpd: number;
}

/** One row per instalment: the schedule (due) and what actually happened (paid), month by month. */
export interface RepaymentRow {
  loanId: string;
  installmentNumber: number;
  dueDate: string;
  principalDue: number;
  interestDue: number;
  /** Payment event id; empty while nothing was paid on this instalment. */
  eventId: string;
  paidAt: string;
  paidAmount: number;
  /** Days late the payment arrived, or days overdue at the as-of date while unpaid. */
  dpd: number;
  /** Delinquency bucket of the loan right after this due date: 0 current, 1 = M1 (1–30 dpd), 2 = M2, … */
  bucket: number | null;
  status: 'paid' | 'paid-late' | 'overdue' | 'scheduled';
}

export type ConsortiumEventType = 'application' | 'approval' | 'loan' | 'overdue';

export interface ConsortiumEventRow {
  eventId: string;
  occurredAt: string;
  institutionId: string;
  institutionType: InstitutionType;
  eventType: ConsortiumEventType;
  nationalId: string;
  phone: string;
  amount: number;
  /** Days past due for `overdue` events, else 0. */
  dpd: number;
}

export interface TruthRow {
  applicationId: string;
  applicantId: string;
  fraudType: FraudType;
  ringId: string;
  farmId: string;
  /** The latent risk (standard normal; higher = riskier) that drove both the features and the outcome. */
  latentRisk: number;
  funded: boolean;
  /** Reached 90+ days past due within the term (+3 months). For declined applications: the counterfactual. */
  defaulted: boolean;
  /** First instalment missed and still unpaid a month later. Counterfactual when not funded. */
  firstPaymentDefault: boolean;
}

/** Everything one application produces; `applicant` and `device` only when first seen. */
export interface PopulationBundle {
  applicant?: ApplicantRow;
  devices: DeviceRow[];
  application: ApplicationRow;
  loan?: LoanRow;
  repayments: RepaymentRow[];
  consortiumEvents: ConsortiumEventRow[];
  truth: TruthRow;
}

export interface PopulationTables {
  institutions: InstitutionRow;
  applicants: ApplicantRow;
  applications: ApplicationRow;
  devices: DeviceRow;
  loans: LoanRow;
  repayments: RepaymentRow;
  consortium_events: ConsortiumEventRow;
  truth: TruthRow;
}
export type TableName = keyof PopulationTables;
