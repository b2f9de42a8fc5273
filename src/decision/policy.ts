/**
 * The knockout policy: hard bounds every application must meet before rules and models (age, amount, term,
 * income), plus the default limit and price used until a strategy is configured. Loaded from YAML or JSON.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { Type, type Static } from '@sinclair/typebox';
import { Closed, compileValidator, createAjv, ValidationError } from '../core/index.js';

const Bounds = Closed({
  min: Type.Optional(Type.Number({ minimum: 0 })),
  max: Type.Optional(Type.Number({ minimum: 0 })),
});

export const KnockoutPolicySchema = Closed({
  version: Type.String({ minLength: 1, maxLength: 64 }),
  age: Type.Optional(Bounds),
  amount: Type.Optional(Bounds),
  term: Type.Optional(Bounds),
  monthlyIncome: Type.Optional(Bounds),
  limit: Closed({ incomeMultiple: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }) }),
  price: Closed({ apr: Type.Number({ minimum: 0, maximum: 10 }) }),
});
export type KnockoutPolicy = Static<typeof KnockoutPolicySchema>;

const validatePolicy = compileValidator(createAjv(), KnockoutPolicySchema);

export function parseKnockoutPolicy(text: string, source: string): KnockoutPolicy {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ValidationError(`${source}: not valid YAML/JSON: ${(err as Error).message}`, [
      { path: '/', message: 'must be a YAML or JSON document' },
    ]);
  }
  const policy = validatePolicy.assert(raw, `knockout policy ${source}`);
  for (const field of ['age', 'amount', 'term', 'monthlyIncome'] as const) {
    const b = policy[field];
    if (b?.min !== undefined && b.max !== undefined && b.min > b.max) {
      throw new ValidationError(`knockout policy ${source}: ${field}.min exceeds ${field}.max`, [
        { path: `/${field}`, message: 'min must not exceed max' },
      ]);
    }
  }
  return policy;
}

/** The policy shipped with riskloop (config/knockout-policy.yaml at the project root). */
export function defaultPolicyFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'config', 'knockout-policy.yaml');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('config/knockout-policy.yaml not found');
}

export function loadKnockoutPolicy(file: string = defaultPolicyFile()): KnockoutPolicy {
  return parseKnockoutPolicy(readFileSync(file, 'utf8'), file);
}
