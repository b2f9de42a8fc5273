/**
 * A tenant's post-loan trigger set as a document (YAML or JSON): what a risk team edits, the store versions and the
 * monitor compiles. One TypeBox schema gives the types, the API's validation and the OpenAPI description; every
 * condition and reason placeholder is type-checked against the monitoring field catalogue, and every problem is
 * reported at once with its JSON pointer (and line/column inside a condition) so an editor can underline it.
 */
import { Type, type Static } from '@sinclair/typebox';
import { parse as parseYaml } from 'yaml';
import { ValidationError, type FieldIssue } from '../../core/errors.js';
import { compileValidator, createAjv } from '../../core/validate.js';
import { ExpressionError, nearestName } from '../../rules/index.js';
import { monitoringCatalog } from './fields.js';
import { compileTrigger, DEFAULT_TRIGGERS, type Trigger, type TriggerDefinition } from './trigger.js';

const EVENT_TYPES = ['repayment', 'consortium', 'contact', 'behaviour'] as const;

export const TriggerDefinitionSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    severity: Type.Union(['low', 'medium', 'high', 'critical'].map((s) => Type.Literal(s))),
    when: Type.String({ minLength: 1, maxLength: 4000, description: 'condition in the riskloop expression language' }),
    reason: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'alert reason; `{dotted.name}` shows a fact, e.g. `{consortium.loans_7d} loans in 7 days`',
    }),
    on: Type.Optional(
      Type.Array(Type.Union(EVENT_TYPES.map((t) => Type.Literal(t))), { minItems: 1, uniqueItems: true }),
    ),
    cooldownHours: Type.Optional(Type.Number({ minimum: 0, maximum: 8760 })),
    actions: Type.Optional(
      Type.Array(Type.Union([Type.Literal('freeze'), Type.Literal('reduce')]), { uniqueItems: true }),
    ),
  },
  { additionalProperties: false },
);

export const TriggerSetSchema = Type.Object(
  {
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    triggers: Type.Array(TriggerDefinitionSchema, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false, title: 'TriggerSet' },
);

export type TriggerSetDocument = Static<typeof TriggerSetSchema>;

/** An authoring problem: JSON pointer into the document, with the position inside a condition when known. */
export interface TriggerIssue {
  path: string;
  trigger?: string;
  line?: number;
  column?: number;
  message: string;
  suggestion?: string;
}

export class TriggerSetValidationError extends ValidationError {
  readonly problems: TriggerIssue[];
  constructor(problems: TriggerIssue[]) {
    super(
      `the trigger set has ${problems.length} problem(s): ${problems
        .slice(0, 3)
        .map((p) => `${p.path} ${p.message}`)
        .join('; ')}`,
      problems.map((p): FieldIssue => ({ path: p.path, message: p.message })),
    );
    this.problems = problems;
  }
}

/** The stock triggers as a document: what a tenant without its own set runs, and where an edit starts. */
export const DEFAULT_TRIGGER_SET: TriggerSetDocument = deepFreeze({
  description: 'Stock post-loan triggers (copy and tune them for your book).',
  triggers: structuredClone(DEFAULT_TRIGGERS) as TriggerSetDocument['triggers'],
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const validate = compileValidator(createAjv(), TriggerSetSchema);

/** A document given as a JSON value or as YAML/JSON text (YAML syntax errors carry `text:line:column`). */
export function parseTriggerSet(input: { document?: unknown; text?: string }): TriggerSetDocument {
  if ((input.text === undefined) === (input.document === undefined))
    throw new TriggerSetValidationError([{ path: '/', message: 'give the trigger set as document or as text' }]);
  let raw = input.document;
  if (input.text !== undefined) {
    try {
      raw = parseYaml(input.text, { prettyErrors: true });
    } catch (e) {
      const err = e as Error & { linePos?: Array<{ line: number; col: number }> };
      const at = err.linePos?.[0];
      throw new TriggerSetValidationError([
        { path: at ? `text:${at.line}:${at.col}` : 'text', message: err.message.split('\n')[0] ?? err.message },
      ]);
    }
  }
  if (!validate(raw)) {
    try {
      validate.assert(raw, 'trigger set');
    } catch (e) {
      throw new TriggerSetValidationError((e as ValidationError).issues.map((i) => ({ ...i })));
    }
  }
  return raw as TriggerSetDocument;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_.]*)\}/g;

/** Compile every trigger, collecting all problems (duplicate ids, conditions, reason placeholders) before failing. */
export function compileTriggerSet(doc: TriggerSetDocument): Trigger[] {
  const problems: TriggerIssue[] = [];
  const seen = new Map<string, number>();
  const names = monitoringCatalog.list().map((f) => f.name);
  const out: Trigger[] = [];
  doc.triggers.forEach((def, i) => {
    const at = `/triggers/${i}`;
    const first = seen.get(def.id);
    if (first !== undefined)
      problems.push({ path: `${at}/id`, trigger: def.id, message: `${def.id} is also trigger ${first}` });
    seen.set(def.id, i);
    for (const m of def.reason.matchAll(PLACEHOLDER)) {
      if (!monitoringCatalog.get(m[1]!)) {
        const suggestion = nearestName(m[1]!, names);
        problems.push({
          path: `${at}/reason`,
          trigger: def.id,
          message: `{${m[1]}} is not a monitoring fact`,
          ...(suggestion ? { suggestion } : {}),
        });
      }
    }
    try {
      out.push(compileTrigger(def as TriggerDefinition));
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      for (const d of e.details)
        problems.push({
          path: `${at}/when`,
          trigger: def.id,
          line: d.line,
          column: d.column,
          message: d.message,
          ...(d.suggestion ? { suggestion: d.suggestion } : {}),
        });
    }
  });
  if (problems.length > 0) throw new TriggerSetValidationError(problems);
  return out;
}
