/**
 * Customer tags ("prime", "thin file", "rate shopper") as conditions in the rules expression language, over the
 * portrait's facts. Tag sets are versioned like flows: a new definition is a new version; nothing is edited in
 * place, so a portrait says which version tagged it.
 */
import { Type, type Static } from '@sinclair/typebox';
import {
  compileValidator,
  createAjv,
  createFieldCatalog,
  ValidationError,
  type FieldDefinition,
} from '../core/index.js';
import { compileCondition, createEnv, ExpressionError, type EvalEnv } from '../rules/index.js';
import { CUSTOMER_FEATURE_NAMES } from './customers.js';

export const TagSetSchema = Type.Object(
  {
    tags: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9 _-]*$' }),
          when: Type.String({ minLength: 1, maxLength: 2000 }),
          description: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);
export type TagSetDefinition = Static<typeof TagSetSchema>;

const num = (name: string, description: string): FieldDefinition => ({ name, type: 'number', description });

/** What a tag condition may read: the portrait's facts. */
export const PORTRAIT_FIELDS: FieldDefinition[] = [
  ...CUSTOMER_FEATURE_NAMES.map((f) => num(`customer.${f}`, `customer book: ${f}`)),
  num('customer.activeLoans', 'loans still open'),
  { name: 'customer.bad', type: 'boolean', description: 'a loan here ever 30+ days past due, or written off' },
  { name: 'customer.employmentStatus', type: 'string', description: 'latest declared employment status' },
  { name: 'customer.province', type: 'string', description: 'latest declared province' },
  num('exposure.orgs6m', 'distinct other lenders applied to in 6 months (latest decision)'),
  num('exposure.apps1m', 'applications at other lenders in the last month (latest decision)'),
  num('exposure.loansOpen', 'loans open at other lenders'),
  num('exposure.outstanding', 'outstanding principal at other lenders'),
  num('exposure.overdueNow', 'loans overdue now at other lenders'),
  num('graph.componentSize', 'applications linked to this customer by shared identifiers'),
  num('graph.bad1hop', 'known-bad applications one link away'),
  num('graph.bad2hop', 'known-bad applications two links away'),
  num('graph.fraudScore', 'personalised PageRank fraud score'),
  num('score.latest', 'latest decision score'),
  num('alerts.open', 'post-loan alerts raised in the last 90 days'),
];
export const portraitCatalog = createFieldCatalog(PORTRAIT_FIELDS);

/** The tag set a tenant starts from (version 1 is created from it on first use). */
export const DEFAULT_TAG_SET: TagSetDefinition = {
  tags: [
    {
      name: 'prime',
      when: 'customer.loans >= 1 and customer.maxDpd == 0 and customer.onTimeShare >= 0.95 and exposure.overdueNow == 0',
      description: 'repays on time here, nothing overdue elsewhere',
    },
    {
      name: 'thin file',
      when: 'customer.loans == 0 and exposure.orgs6m <= 1',
      description: 'little credit history anywhere',
    },
    {
      name: 'rate shopper',
      when: 'exposure.apps1m >= 3 or exposure.orgs6m >= 4',
      description: 'applying at several lenders at once',
    },
    { name: 'high utilisation', when: 'customer.utilisation >= 0.7', description: 'most of the open credit is drawn' },
    { name: 'early payer', when: 'customer.earlyPayoffs >= 1', description: 'has paid a loan off early' },
    { name: 'delinquent', when: 'customer.bad', description: 'a loan here ever 30+ days past due, or written off' },
  ],
};

const validateTagSet = compileValidator(createAjv(), TagSetSchema);

export interface CompiledTagSet {
  version: number;
  evaluate(facts: Record<string, unknown>, now: number): string[];
}

/** Validates the shape and every condition (errors name `/tags/<i>/when` with line and column). */
export function compileTagSet(definition: unknown, version = 0): CompiledTagSet {
  const set = validateTagSet.assert(definition, 'tag set');
  const names = new Set<string>();
  const issues: { path: string; message: string }[] = [];
  const compiled = set.tags.flatMap((t, i) => {
    if (names.has(t.name)) issues.push({ path: `/tags/${i}/name`, message: `tag ${t.name} is defined twice` });
    names.add(t.name);
    try {
      return [{ name: t.name, cond: compileCondition(t.when, { catalog: portraitCatalog, path: `/tags/${i}/when` }) }];
    } catch (e) {
      if (e instanceof ExpressionError || e instanceof ValidationError) {
        issues.push(...e.issues.map((x) => ({ path: x.path, message: x.message })));
        return [];
      }
      throw e;
    }
  });
  if (issues.length > 0) throw new ValidationError('tag set is invalid', issues);
  return {
    version,
    evaluate(facts, now) {
      const env: EvalEnv = createEnv({ now });
      return compiled.filter((t) => t.cond.test(facts, env)).map((t) => t.name);
    },
  };
}
