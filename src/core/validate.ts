/**
 * One validator for every entry point (HTTP, file import, in-process calls): JSON Schema via Ajv with formats,
 * no coercion, no removal of unknown fields. Errors become FieldIssue[] naming the path and the expectation.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { TSchema, Static } from '@sinclair/typebox';
import { ValidationError, type FieldIssue } from './errors.js';

// ajv-formats ships CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/**
 * `allErrors` collects every problem (file import: one bad row at a time, each small). Request bodies stop at the
 * first problem: collecting them all let one 600 kB body of empty array items produce 400,000 errors and 83 MB.
 */
export function createAjv(options: { allErrors?: boolean } = {}): Ajv {
  const ajv = new Ajv({
    allErrors: options.allErrors ?? true,
    coerceTypes: false,
    removeAdditional: false,
    useDefaults: false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

export function issuesFromAjv(errors: ErrorObject[] | null | undefined, prefix = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let path = prefix + e.instancePath;
    let message: string;
    switch (e.keyword) {
      case 'additionalProperties':
        path += `/${(e.params as { additionalProperty: string }).additionalProperty}`;
        message = 'unknown field';
        break;
      case 'required':
        path += `/${(e.params as { missingProperty: string }).missingProperty}`;
        message = 'is required';
        break;
      case 'anyOf':
      case 'oneOf':
        // the branch errors already say what each alternative expected
        continue;
      case 'const':
        message = `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
        break;
      default:
        message = e.message ?? 'is invalid';
    }
    const key = `${path}\0${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: path || '/', message });
  }
  return mergeLiteralAlternatives(out);
}

/** `channel` failing a union of literals yields one "must be X" per branch: merge them into one line. */
function mergeLiteralAlternatives(issues: FieldIssue[]): FieldIssue[] {
  const byPath = new Map<string, FieldIssue[]>();
  for (const i of issues) byPath.set(i.path, [...(byPath.get(i.path) ?? []), i]);
  const out: FieldIssue[] = [];
  for (const [path, list] of byPath) {
    const literals = list.filter((i) => i.message.startsWith('must be "'));
    if (literals.length > 1) {
      out.push({ path, message: `must be one of ${literals.map((l) => l.message.slice(8)).join(', ')}` });
      out.push(...list.filter((i) => !literals.includes(i)));
    } else out.push(...list);
  }
  return out;
}

export interface Validator<T> {
  (value: unknown): value is T;
  /** Throws ValidationError naming every failing field. */
  assert(value: unknown, what: string): T;
}

export function compileValidator<S extends TSchema>(ajv: Ajv, schema: S): Validator<Static<S>> {
  const fn: ValidateFunction = ajv.compile(schema);
  const check = ((value: unknown) => fn(value)) as Validator<Static<S>>;
  check.assert = (value, what) => {
    if (fn(value)) return value as Static<S>;
    const issues = issuesFromAjv(fn.errors);
    throw new ValidationError(`${what} is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  };
  return check;
}
