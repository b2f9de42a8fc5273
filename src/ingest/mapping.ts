/**
 * Flat file columns → the nested domain object the API accepts, and back from schema error paths to column
 * names, so a rejected row says "column amount: must be number" rather than "/amount".
 */
import type { FieldIssue } from '../core/index.js';
import { booleanCell, numberCell, prune, textCell } from './cells.js';

export type CellKind = 'text' | 'number' | 'boolean';

export interface ColumnRule {
  /** Dotted path in the domain object; numeric segments index arrays (`applicant.emergencyContacts.0.phone`). */
  path: string;
  kind: CellKind;
}

export type ColumnRules = Record<string, ColumnRule>;

const PARSE: Record<CellKind, (t: string | undefined) => unknown> = {
  text: textCell,
  number: numberCell,
  boolean: booleanCell,
};

interface CompiledRule {
  column: string;
  parse: (t: string | undefined) => unknown;
  /** Path segments; `index[i]` says whether segment i+1 is an array index. */
  segments: string[];
  nextIsIndex: boolean[];
}

// Rules are module constants: compiled once per rules object (the split paths were a fifth of an import's CPU)
const compiled = new WeakMap<ColumnRules, { rules: CompiledRule[]; flat: boolean }>();

function compile(rules: ColumnRules): { rules: CompiledRule[]; flat: boolean } {
  let c = compiled.get(rules);
  if (!c) {
    const list = Object.entries(rules).map(([column, rule]) => {
      const segments = rule.path.split('.');
      return {
        column,
        parse: PARSE[rule.kind],
        segments,
        nextIsIndex: segments.map((_, i) => /^\d+$/.test(segments[i + 1] ?? '')),
      };
    });
    c = { rules: list, flat: list.every((r) => r.segments.length === 1) };
    compiled.set(rules, c);
  }
  return c;
}

export function buildObject(cells: Record<string, string>, rules: ColumnRules): Record<string, unknown> {
  const { rules: list, flat } = compile(rules);
  const root: Record<string, unknown> = {};
  if (flat) {
    // one level, absent cells left out: nothing for prune to do
    for (const r of list) {
      const value = r.parse(cells[r.column]);
      if (value !== undefined) root[r.segments[0]!] = value;
    }
    return root;
  }
  for (const r of list) {
    const value = r.parse(cells[r.column]);
    if (value === undefined) continue;
    const segments = r.segments;
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < segments.length - 1; i++) {
      const seg = segments[i]!;
      const holder = node as Record<string, unknown>;
      holder[seg] ??= r.nextIsIndex[i] ? [] : {};
      node = holder[seg] as Record<string, unknown> | unknown[];
    }
    (node as Record<string, unknown>)[segments.at(-1)!] = value;
  }
  return prune(root);
}

/** Translate schema issues (JSON pointers) to the file's column names where one column maps there. */
export function issuesToColumns(issues: FieldIssue[], rules: ColumnRules): FieldIssue[] {
  const byPointer = new Map(Object.entries(rules).map(([col, r]) => [`/${r.path.replace(/\./g, '/')}`, col]));
  return issues.map((i) => {
    const column = byPointer.get(i.path);
    return column ? { path: column, message: i.message } : i;
  });
}

/** Columns in the file that no rule reads (reported once, never stored). */
export function unusedColumns(header: string[], rules: ColumnRules, alsoRead: string[] = []): string[] {
  return header.filter((h) => !(h in rules) && !alsoRead.includes(h));
}
