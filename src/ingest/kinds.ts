/**
 * What each importable kind of file holds, how its columns map to the domain schemas (the same schemas the API
 * validates with), and how a valid row is written. Column names follow the generator's flat tables
 * (docs: "Generated data"); a column may also be named by its dotted domain path (`applicant.phone`).
 */
import { Type } from '@sinclair/typebox';
import {
  ApplicationSchema,
  Closed,
  LoanSchema,
  RepaymentEventSchema,
  type Application,
  type Loan,
  type RepaymentEvent,
} from '../core/index.js';
import type { ColumnRules } from './mapping.js';

const t = (path: string) => ({ path, kind: 'text' as const });
const n = (path: string) => ({ path, kind: 'number' as const });
const b = (path: string) => ({ path, kind: 'boolean' as const });

export const APPLICATION_COLUMNS: ColumnRules = {
  applicationId: t('applicationId'),
  institutionId: t('institutionId'),
  product: t('product'),
  amount: n('amount'),
  term: n('term'),
  purpose: t('purpose'),
  channel: t('channel'),
  submittedAt: t('submittedAt'),
  declaredIncome: n('declaredIncome'),
  declaredObligations: n('declaredObligations'),
  nationalId: t('applicant.nationalId'),
  name: t('applicant.name'),
  dateOfBirth: t('applicant.dateOfBirth'),
  phone: t('applicant.phone'),
  email: t('applicant.email'),
  bankCard: t('applicant.bankCard'),
  addressProvince: t('applicant.address.province'),
  addressCity: t('applicant.address.city'),
  addressLine: t('applicant.address.line'),
  employmentStatus: t('applicant.employment.status'),
  employer: t('applicant.employment.employer'),
  employerPhone: t('applicant.employment.employerPhone'),
  monthsInJob: n('applicant.employment.monthsInJob'),
  contactName: t('applicant.emergencyContacts.0.name'),
  contactPhone: t('applicant.emergencyContacts.0.phone'),
  contactRelation: t('applicant.emergencyContacts.0.relation'),
  deviceId: t('device.deviceId'),
  platform: t('device.platform'),
  osVersion: t('device.osVersion'),
  model: t('device.model'),
  emulator: b('device.emulator'),
  rooted: b('device.rooted'),
  proxy: b('device.proxy'),
  ip: t('ip'),
};

/** The historical outcome travels beside the application, not inside it. */
export const HistoricalOutcomeSchema = Closed({
  decision: Type.Optional(Type.Union(['approve', 'review', 'decline'].map((o) => Type.Literal(o)))),
  decidedAt: Type.Optional(Type.String({ format: 'date-time' })),
});
export const HISTORICAL_COLUMNS: ColumnRules = { decision: t('decision'), decidedAt: t('decidedAt') };

export const LOAN_COLUMNS: ColumnRules = {
  loanId: t('loanId'),
  applicationId: t('applicationId'),
  product: t('product'),
  principal: n('principal'),
  termMonths: n('termMonths'),
  apr: n('apr'),
  disbursedAt: t('disbursedAt'),
  status: t('status'),
};

/** One row per instalment: the schedule line, and the payment against it when one was made. */
export const InstallmentRowSchema = Closed({
  loanId: LoanSchema.properties.loanId,
  installmentNumber: Type.Integer({ minimum: 1, maximum: 600 }),
  dueDate: Type.String({ format: 'date' }),
  principalDue: Type.Number({ minimum: 0, maximum: 1e12 }),
  interestDue: Type.Number({ minimum: 0, maximum: 1e12 }),
});
export const INSTALLMENT_COLUMNS: ColumnRules = {
  loanId: t('loanId'),
  installmentNumber: n('installmentNumber'),
  dueDate: t('dueDate'),
  principalDue: n('principalDue'),
  interestDue: n('interestDue'),
};
export const PAYMENT_COLUMNS: ColumnRules = {
  eventId: t('eventId'),
  loanId: t('loanId'),
  paidAt: t('paidAt'),
  paidAmount: n('amount'),
  installmentNumber: n('installmentNumber'),
};

export { ApplicationSchema, LoanSchema, RepaymentEventSchema };
export type { Application, Loan, RepaymentEvent };
