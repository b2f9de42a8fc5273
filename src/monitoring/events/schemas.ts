/**
 * Post-loan events. Every event has an `eventId` chosen by the producer: it is the idempotency key (a replayed or
 * redelivered event with a known id changes nothing) and the JetStream message id (server-side de-duplication).
 * `borrowerId` is the keyed hash of the borrower's identifier (src/core/identifiers.ts), never a clear value.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ValidationError } from '../../core/errors.js';

const IsoDateTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$',
});
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Id = Type.String({ minLength: 1, maxLength: 128 });

const base = {
  eventId: Id,
  tenantId: Id,
  borrowerId: Id,
  /** When it happened (producer's clock); windows such as "3 loans elsewhere in 7 days" use this time. */
  occurredAt: IsoDateTime,
};

export const RepaymentEventSchema = Type.Object(
  { ...base, type: Type.Literal('repayment'), loanId: Id, amount: Type.Number({ minimum: 0 }), paidOn: IsoDate },
  { additionalProperties: false },
);

export const ConsortiumEventSchema = Type.Object(
  {
    ...base,
    type: Type.Literal('consortium'),
    /** New application, new loan, or overdue at another consortium member. */
    kind: Type.Union([Type.Literal('application'), Type.Literal('loan'), Type.Literal('overdue')]),
    /** Hashed id of the member that reported it. */
    memberId: Id,
    amount: Type.Optional(Type.Number({ minimum: 0 })),
    dpd: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const ContactOutcomes = ['reached', 'unreachable', 'number_disconnected', 'dispute', 'complaint'] as const;

export const ContactEventSchema = Type.Object(
  {
    ...base,
    type: Type.Literal('contact'),
    outcome: Type.Union(ContactOutcomes.map((o) => Type.Literal(o))),
    channel: Type.Optional(
      Type.Union([Type.Literal('call'), Type.Literal('sms'), Type.Literal('email'), Type.Literal('app')]),
    ),
  },
  { additionalProperties: false },
);

export const BehaviourEventSchema = Type.Object(
  {
    ...base,
    type: Type.Literal('behaviour'),
    /** e.g. `login_new_device`, `salary_stopped`, `cash_withdrawal_spike`. */
    signal: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' }),
    value: Type.Number(),
  },
  { additionalProperties: false },
);

export const MonitoringEventSchema = Type.Union([
  RepaymentEventSchema,
  ConsortiumEventSchema,
  ContactEventSchema,
  BehaviourEventSchema,
]);

export type RepaymentEvent = Static<typeof RepaymentEventSchema>;
export type ConsortiumEvent = Static<typeof ConsortiumEventSchema>;
export type MonitoringEvent = Static<typeof MonitoringEventSchema>;
export type MonitoringEventType = MonitoringEvent['type'];

const byType: Record<MonitoringEventType, TSchema> = {
  repayment: RepaymentEventSchema,
  consortium: ConsortiumEventSchema,
  contact: ContactEventSchema,
  behaviour: BehaviourEventSchema,
};
// Compiled once per process (the checks are pure): ~10× faster than Value.Check on the ingest path.
const checkers = Object.fromEntries(Object.entries(byType).map(([t, s]) => [t, TypeCompiler.Compile(s)])) as Record<
  MonitoringEventType,
  ReturnType<typeof TypeCompiler.Compile>
>;

/** Validate an untrusted event; throws ValidationError naming each bad field. */
export function parseMonitoringEvent(input: unknown): MonitoringEvent {
  const type = (input as { type?: unknown } | null)?.type;
  // own keys only: `constructor` or `__proto__` as a type must not reach Object.prototype
  const checker =
    typeof type === 'string' && Object.hasOwn(checkers, type) ? checkers[type as MonitoringEventType] : undefined;
  if (!checker)
    throw new ValidationError('unknown event type', [
      { path: '/type', message: `one of ${Object.keys(byType).join(', ')}` },
    ]);
  if (checker.Check(input)) {
    const e = input as MonitoringEvent;
    if (Number.isNaN(Date.parse(e.occurredAt)))
      throw new ValidationError('invalid event', [{ path: '/occurredAt', message: 'a real ISO-8601 date-time' }]);
    return e;
  }
  const issues = [...checker.Errors(input)].slice(0, 20).map((e) => ({ path: e.path || '/', message: e.message }));
  throw new ValidationError(`invalid ${type} event`, issues);
}
