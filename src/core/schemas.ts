/**
 * Domain schemas (TypeBox): one definition gives the HTTP validation, the TypeScript types and the OpenAPI docs.
 * Every object is closed (`additionalProperties: false`): an unknown field is an error, never silently dropped.
 */
import { Type, type Static, type TSchema, type TObject, type TProperties, type ObjectOptions } from '@sinclair/typebox';

/** A closed object: unknown fields are rejected. */
export function Closed<T extends TProperties>(properties: T, options: ObjectOptions = {}): TObject<T> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

const Text = (maxLength: number, options: Record<string, unknown> = {}) =>
  Type.String({ minLength: 1, maxLength, ...options });
const Money = (description: string) => Type.Number({ minimum: 0, maximum: 1e12, description });
export const Identifier = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' });
const DateTime = Type.String({ format: 'date-time', maxLength: 40 });
const CalendarDate = Type.String({ format: 'date', maxLength: 10 });

export const Roles = ['admin', 'analyst', 'decision', 'viewer'] as const;
export const RoleSchema = Type.Union(Roles.map((r) => Type.Literal(r)));
export type Role = (typeof Roles)[number];

export const TenantSchema = Closed({
  tenantId: Identifier,
  name: Text(200),
  createdAt: DateTime,
});
export type Tenant = Static<typeof TenantSchema>;

export const InstitutionTypes = ['bank', 'consumer-finance', 'microloan', 'online-lender'] as const;
export const InstitutionSchema = Closed({
  institutionId: Identifier,
  name: Text(200),
  type: Type.Union(InstitutionTypes.map((t) => Type.Literal(t))),
});
export type Institution = Static<typeof InstitutionSchema>;

export const AddressSchema = Closed({
  province: Type.Optional(Text(64)),
  city: Type.Optional(Text(64)),
  line: Type.Optional(Text(300, { description: 'street address; sealed at rest, matched by keyed hash' })),
  postcode: Type.Optional(Text(16)),
});

export const EmergencyContactSchema = Closed({
  name: Type.Optional(Text(100)),
  phone: Text(32, { description: 'matched by keyed hash' }),
  relation: Type.Optional(
    Type.Union(['parent', 'spouse', 'sibling', 'child', 'friend', 'colleague', 'other'].map((r) => Type.Literal(r))),
  ),
});

export const ApplicantSchema = Closed({
  nationalId: Text(32, { description: 'national identity number; stored only as keyed hash + sealed' }),
  name: Text(200),
  dateOfBirth: CalendarDate,
  sex: Type.Optional(
    Type.Union([Type.Literal('M'), Type.Literal('F')], { description: 'as declared; checked against the national id' }),
  ),
  phone: Text(32),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  bankCard: Type.Optional(Type.String({ pattern: '^[0-9 -]{12,23}$', description: 'card / account number' })),
  address: Type.Optional(AddressSchema),
  employment: Type.Optional(
    Closed({
      status: Type.Union(
        ['employed', 'self-employed', 'student', 'retired', 'unemployed', 'other'].map((s) => Type.Literal(s)),
      ),
      employer: Type.Optional(Text(200)),
      employerPhone: Type.Optional(Text(32)),
      monthsInJob: Type.Optional(Type.Integer({ minimum: 0, maximum: 1200 })),
    }),
  ),
  emergencyContacts: Type.Optional(Type.Array(EmergencyContactSchema, { maxItems: 10 })),
});
export type Applicant = Static<typeof ApplicantSchema>;

export const DeviceSnapshotSchema = Closed({
  deviceId: Type.Optional(Text(128, { description: 'client or SDK device id; matched by keyed hash' })),
  platform: Type.Optional(Type.Union(['ios', 'android', 'web', 'other'].map((p) => Type.Literal(p)))),
  osVersion: Type.Optional(Text(64)),
  model: Type.Optional(Text(128)),
  userAgent: Type.Optional(Text(512)),
  timezone: Type.Optional(Text(64)),
  language: Type.Optional(Text(35)),
  emulator: Type.Optional(Type.Boolean()),
  rooted: Type.Optional(Type.Boolean()),
  proxy: Type.Optional(Type.Boolean()),
  vpn: Type.Optional(Type.Boolean()),
  hooked: Type.Optional(Type.Boolean({ description: 'hooking framework (Frida, Xposed) detected' })),
  debugger: Type.Optional(Type.Boolean()),
  mockLocation: Type.Optional(Type.Boolean()),
  tampered: Type.Optional(Type.Boolean()),
  fingerprint: Type.Optional(Text(128, { description: 'collector fingerprint hash' })),
  sessionId: Type.Optional(
    Text(128, { description: 'session whose collector / SDK payload was posted to /v1/device/payloads' }),
  ),
});
export type DeviceSnapshot = Static<typeof DeviceSnapshotSchema>;

export const Channels = ['app', 'web', 'branch', 'affiliate', 'api', 'partner'] as const;
export const ApplicationSchema = Closed(
  {
    applicationId: Identifier,
    institutionId: Type.Optional(Identifier),
    product: Text(64),
    amount: Type.Number({ exclusiveMinimum: 0, maximum: 1e9, description: 'requested principal' }),
    term: Type.Integer({ minimum: 1, maximum: 600, description: 'months' }),
    purpose: Type.Optional(Text(64)),
    channel: Type.Union(Channels.map((c) => Type.Literal(c))),
    submittedAt: DateTime,
    declaredIncome: Money('monthly income declared by the applicant'),
    declaredObligations: Type.Optional(Money('monthly debt service declared by the applicant')),
    applicant: ApplicantSchema,
    device: Type.Optional(DeviceSnapshotSchema),
    ip: Type.Optional(Type.Union([Type.String({ format: 'ipv4' }), Type.String({ format: 'ipv6', maxLength: 45 })])),
    geo: Type.Optional(
      Closed({
        lat: Type.Number({ minimum: -90, maximum: 90 }),
        lon: Type.Number({ minimum: -180, maximum: 180 }),
        accuracyM: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
      }),
    ),
  },
  { title: 'Application', description: 'A credit application as sent by the loan-origination system' },
);
export type Application = Static<typeof ApplicationSchema>;

export const Outcomes = ['approve', 'review', 'decline'] as const;
export type Outcome = (typeof Outcomes)[number];

export const ReasonSchema = Closed({
  code: Type.String(),
  message: Type.String(),
  /** The values that made the reason fire (never personal identifiers). */
  values: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()])),
  rank: Type.Integer({ minimum: 1 }),
  principal: Type.Boolean({ description: 'one of the (at most four) principal adverse-action reasons' }),
  source: Type.Union(['policy', 'rule', 'list', 'model', 'strategy', 'graph', 'device'].map((s) => Type.Literal(s))),
});
export type Reason = Static<typeof ReasonSchema>;

export const DecisionSchema = Closed(
  {
    decisionId: Type.String(),
    applicationId: Type.String(),
    outcome: Type.Union(Outcomes.map((o) => Type.Literal(o))),
    score: Type.Union([Type.Number(), Type.Null()]),
    limit: Type.Union([Type.Number(), Type.Null()], { description: 'recommended credit limit' }),
    price: Type.Union([Type.Number(), Type.Null()], { description: 'annual percentage rate, e.g. 0.18' }),
    reasons: Type.Array(ReasonSchema),
    flowVersion: Type.String(),
    modelVersions: Type.Record(Type.String(), Type.String()),
    timings: Closed({
      totalMs: Type.Number(),
      stages: Type.Record(Type.String(), Type.Number()),
    }),
    decidedAt: DateTime,
  },
  { title: 'Decision' },
);
export type Decision = Static<typeof DecisionSchema>;

export const DeviceSchema = Closed({
  deviceKey: Type.String({ description: 'keyed hash of the derived device id' }),
  firstSeenAt: DateTime,
  lastSeenAt: DateTime,
  platform: Type.Optional(Type.String()),
  emulator: Type.Boolean(),
  rooted: Type.Boolean(),
});
export type Device = Static<typeof DeviceSchema>;

export const LoanStatuses = ['active', 'paid-off', 'written-off', 'sold'] as const;
export const LoanSchema = Closed({
  loanId: Identifier,
  applicationId: Identifier,
  product: Text(64),
  principal: Money('disbursed principal'),
  termMonths: Type.Integer({ minimum: 1, maximum: 600 }),
  apr: Type.Number({ minimum: 0, maximum: 10 }),
  disbursedAt: DateTime,
  status: Type.Union(LoanStatuses.map((s) => Type.Literal(s))),
});
export type Loan = Static<typeof LoanSchema>;

export const RepaymentScheduleSchema = Closed({
  loanId: Identifier,
  installments: Type.Array(
    Closed({
      number: Type.Integer({ minimum: 1 }),
      dueDate: CalendarDate,
      principalDue: Money('principal due'),
      interestDue: Money('interest due'),
    }),
    { maxItems: 600 },
  ),
});
export type RepaymentSchedule = Static<typeof RepaymentScheduleSchema>;

export const RepaymentEventSchema = Closed({
  eventId: Identifier,
  loanId: Identifier,
  paidAt: DateTime,
  amount: Money('amount received'),
  installmentNumber: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type RepaymentEvent = Static<typeof RepaymentEventSchema>;

export type { Static, TSchema };
