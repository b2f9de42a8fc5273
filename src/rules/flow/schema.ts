/**
 * The decision-flow document: what an analyst edits (YAML or JSON) and what the store versions. One TypeBox schema
 * gives the types, the HTTP validation and the OpenAPI description.
 */
import { Type, type Static } from '@sinclair/typebox';
import { parse as parseYaml } from 'yaml';
import { compileValidator, createAjv } from '../../core/validate.js';
import { ValidationError } from '../../core/errors.js';

const Closed = <T extends Parameters<typeof Type.Object>[0]>(props: T, description?: string) =>
  Type.Object(props, { additionalProperties: false, ...(description ? { description } : {}) });
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const FieldName = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$',
});

export const RuleActions = ['decline', 'review', 'flag', 'score-adjust'] as const;

export const RuleSchema = Closed({
  id: Id,
  name: Name,
  when: Type.String({ minLength: 1, maxLength: 10_000, description: 'condition in the riskloop expression language' }),
  action: Type.Union(RuleActions.map((a) => Type.Literal(a))),
  /** Points added to the score when the rule fires (action score-adjust); negative lowers the score. */
  adjust: Type.Optional(Type.Number({ minimum: -10_000, maximum: 10_000 })),
  reasonCode: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Z0-9_]+$' }),
  /** Shown with the decision; `{{ expression }}` placeholders show the values, e.g. `{{ ml_orgs_1m }} lenders in 30 days`. */
  message: Type.String({ minLength: 1, maxLength: 500 }),
  enabled: Type.Optional(Type.Boolean()),
});

const StageCommon = {
  id: Id,
  name: Type.Optional(Name),
  /** A whitelisted applicant skips this stage (fast lane). */
  skippableForWhitelist: Type.Optional(Type.Boolean()),
};

export const RulesStageSchema = Closed({
  ...StageCommon,
  type: Type.Literal('rules'),
  rules: Type.Array(RuleSchema, { maxItems: 1000 }),
});
export const ModelStageSchema = Closed({
  ...StageCommon,
  type: Type.Literal('model'),
  model: Closed({ name: Id, version: Id }),
  /** Name under which later stages read the model's score, e.g. `model_score`. */
  output: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }),
  /** This model's output is the flow's score (bands, pricing). */
  primary: Type.Optional(Type.Boolean()),
});
export const StageSchema = Type.Union([RulesStageSchema, ModelStageSchema]);

export const BandSchema = Closed({
  name: Type.String({ minLength: 1, maxLength: 16 }),
  /** Scores at or above this (and below the next band up) fall in the band. */
  minScore: Type.Number(),
  outcome: Type.Optional(Type.Union([Type.Literal('approve'), Type.Literal('review'), Type.Literal('decline')])),
});

const Multipliers = Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 10 }));
export const StrategySchema = Closed({
  limit: Type.Optional(
    Closed({
      incomeField: FieldName,
      termField: Type.Optional(FieldName),
      defaultTermMonths: Type.Integer({ minimum: 1, maximum: 600 }),
      requestedField: Type.Optional(FieldName),
      obligationsField: Type.Optional(FieldName),
      multiLenderDebtField: Type.Optional(FieldName),
      onTimeLoansField: Type.Optional(FieldName),
      maxDpdField: Type.Optional(FieldName),
      maxDebtServiceRatio: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
      outstandingPaymentRate: Type.Number({ minimum: 0, maximum: 1 }),
      bandMultipliers: Multipliers,
      historyBoostPerOnTimeLoan: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
      maxHistoryBoost: Type.Optional(Type.Number({ minimum: 0, maximum: 10 })),
      dpdCuts: Type.Optional(
        Type.Array(
          Closed({ minDpd: Type.Number({ minimum: 0 }), multiplier: Type.Number({ minimum: 0, maximum: 1 }) }),
        ),
      ),
      minLimit: Type.Number({ minimum: 0 }),
      maxLimit: Type.Number({ minimum: 0 }),
      step: Type.Number({ exclusiveMinimum: 0 }),
      incomeMultipleCap: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      capAtRequested: Type.Optional(Type.Boolean()),
      /** A zero limit on an otherwise approvable application: decline (default) or send to review. */
      zeroLimitOutcome: Type.Optional(Type.Union([Type.Literal('decline'), Type.Literal('review')])),
    }),
  ),
  pricing: Type.Optional(
    Closed({
      aprByBand: Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 10 })),
      floor: Type.Optional(Type.Number({ minimum: 0 })),
      cap: Type.Optional(Type.Number({ minimum: 0 })),
    }),
  ),
});

export const ScreeningSchema = Closed({
  identifiers: Type.Array(
    Closed({
      field: FieldName,
      kind: Type.Union(
        ['nationalId', 'phone', 'deviceId', 'ip', 'card', 'email', 'employer'].map((k) => Type.Literal(k)),
      ),
    }),
    { maxItems: 50 },
  ),
  /** A grey-list hit sends the application to review (default) or only adds a reason. */
  greyAction: Type.Optional(Type.Union([Type.Literal('review'), Type.Literal('flag')])),
});

export const FlowDocumentSchema = Closed(
  {
    schemaVersion: Type.Literal(1),
    flowId: Id,
    name: Name,
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    screening: Type.Optional(ScreeningSchema),
    /** Where the score starts: a fact (e.g. a bureau score), a constant, or a primary model stage. */
    score: Type.Optional(Closed({ field: Type.Optional(FieldName), base: Type.Optional(Type.Number()) })),
    stages: Type.Array(StageSchema, { minItems: 1, maxItems: 100 }),
    bands: Type.Optional(Type.Array(BandSchema, { maxItems: 50 })),
    strategy: Type.Optional(StrategySchema),
  },
  'A versioned decision flow: ordered stages of rules and model calls, score bands and a strategy step.',
);

export type FlowDocument = Static<typeof FlowDocumentSchema>;
export type FlowRule = Static<typeof RuleSchema>;
export type FlowStrategy = Static<typeof StrategySchema>;
export type RuleAction = (typeof RuleActions)[number];

const validateDocument = compileValidator(createAjv(), FlowDocumentSchema);

/** Structural validation only; `compileFlow` checks every expression against the field catalogue. */
export function assertFlowDocument(value: unknown, what = 'flow document'): FlowDocument {
  return validateDocument.assert(value, what);
}

/** Parse a flow from YAML or JSON text (YAML is a superset of JSON). */
export function parseFlowDocument(text: string, source = 'flow'): FlowDocument {
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (e) {
    const err = e as Error & { linePos?: Array<{ line: number; col: number }> };
    const at = err.linePos?.[0];
    throw new ValidationError(`${source}: not valid YAML/JSON: ${err.message}`, [
      { path: at ? `${source}:${at.line}:${at.col}` : source, message: err.message.split('\n')[0] ?? err.message },
    ]);
  }
  return assertFlowDocument(raw, source);
}
