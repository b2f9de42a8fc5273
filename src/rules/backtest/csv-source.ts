/**
 * Streaming CSV source for backtests: one record at a time (csv-parse), typed by the field catalogue, dotted
 * headers (`application.amount`) rebuilt into nested objects so expressions read them as in live decisions.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { createFieldCatalog, type FieldCatalog, type FieldDefinition, type FieldType } from '../../core/fields.js';
import { ValidationError } from '../../core/errors.js';
import { protectedGroups } from '../../core/fairness/index.js';
import { parseResidentId } from '../../core/national-id.js';
import type { LabelledFacts } from './backtest.js';

export interface CsvSourceOptions {
  catalog: FieldCatalog;
  /** Column holding the outcome: 1/0, true/false, bad/good; empty = unknown. */
  labelColumn?: string;
  idColumn?: string;
  /** Column with the application time (ISO or epoch ms) used as the evaluation clock. */
  timeColumn?: string;
}

const TRUE = new Set(['1', 'true', 'TRUE', 'True', 'yes', 'bad', 'Y', 'y']);
const FALSE = new Set(['0', 'false', 'FALSE', 'False', 'no', 'good', 'N', 'n']);

function converter(type: FieldType | undefined): (raw: string) => unknown {
  switch (type) {
    case 'number':
      return (raw) => {
        if (raw === '' || raw === 'NA' || raw === 'NaN') return null;
        const v = Number(raw);
        return Number.isNaN(v) ? null : v;
      };
    case 'boolean':
      return (raw) => (TRUE.has(raw) ? true : FALSE.has(raw) ? false : null);
    case 'number[]':
    case 'string[]':
      return (raw) => {
        if (raw === '') return null;
        const parts = raw.split('|');
        return type === 'number[]' ? parts.map(Number) : parts;
      };
    default:
      return (raw) => (raw === '' ? null : raw);
  }
}

export function parseLabel(raw: string | undefined): 0 | 1 | null {
  if (raw === undefined || raw === '') return null;
  if (TRUE.has(raw)) return 1;
  if (FALSE.has(raw)) return 0;
  return null;
}

/** Columns a CSV may carry for the fairness view (core/fairness), by the names a lender's export would use. */
const GROUP_COLUMNS = {
  age: ['applicant.age', 'age'],
  sex: ['applicant.sex', 'sex'],
  province: ['applicant.address.province', 'province'],
  nationalId: ['applicant.nationalId', 'nationalId'],
} as const;

/**
 * The row's protected groups, when the header has any of the group columns: sex from the national id while the file
 * has it in clear (read here, kept nowhere), else as declared.
 */
function groupReader(header: string[]): ((row: string[]) => LabelledFacts['groups']) | undefined {
  const at = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const [age, sex, province, id] = [
    at(GROUP_COLUMNS.age),
    at(GROUP_COLUMNS.sex),
    at(GROUP_COLUMNS.province),
    at(GROUP_COLUMNS.nationalId),
  ];
  if (age < 0 && sex < 0 && province < 0 && id < 0) return undefined;
  const cell = (row: string[], i: number) => (i >= 0 ? (row[i] ?? '').trim() : '');
  return (row) => {
    const years = cell(row, age);
    const fromId = id >= 0 ? parseResidentId(cell(row, id))?.sex : undefined;
    return protectedGroups({
      age: years === '' ? null : Number(years),
      sex: fromId ?? cell(row, sex).toUpperCase(),
      province: cell(row, province),
    });
  };
}

/** Build a row → facts function for a header: nested objects for dotted names, typed by the catalogue. */
export function rowMapper(header: string[], options: CsvSourceOptions): (row: string[]) => LabelledFacts {
  const labelAt = options.labelColumn ? header.indexOf(options.labelColumn) : -1;
  if (options.labelColumn && labelAt < 0) {
    throw new ValidationError(`label column ${options.labelColumn} not found`, [
      { path: 'header', message: `no column ${options.labelColumn}` },
    ]);
  }
  const idAt = options.idColumn ? header.indexOf(options.idColumn) : -1;
  const timeAt = options.timeColumn ? header.indexOf(options.timeColumn) : -1;
  const cols = header.map((name, i) => ({
    i,
    path: name.split('.'),
    convert: converter(options.catalog.get(name)?.type),
  }));
  const groups = groupReader(header);
  return (row) => {
    const facts: Record<string, unknown> = {};
    for (const c of cols) {
      const v = c.convert(row[c.i] ?? '');
      if (c.path.length === 1) facts[c.path[0]!] = v;
      else {
        let o = facts;
        for (let k = 0; k < c.path.length - 1; k++) {
          const key = c.path[k]!;
          o = (o[key] ??= {}) as Record<string, unknown>;
        }
        o[c.path[c.path.length - 1]!] = v;
      }
    }
    const out: LabelledFacts = { facts, label: labelAt >= 0 ? parseLabel(row[labelAt]) : null };
    if (idAt >= 0) out.id = row[idAt] ?? '';
    if (groups) out.groups = groups(row);
    if (timeAt >= 0) {
      const raw = row[timeAt] ?? '';
      const t = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
      if (!Number.isNaN(t)) out.at = t;
    }
    return out;
  };
}

export async function* readFactsCsv(path: string, options: CsvSourceOptions): AsyncGenerator<LabelledFacts> {
  const parser = createReadStream(path).pipe(parse({ relax_column_count: true, skip_empty_lines: true }));
  let map: ((row: string[]) => LabelledFacts) | undefined;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!map) {
      map = rowMapper(record, options);
      continue;
    }
    yield map(record);
  }
}

/** A catalogue guessed from a CSV's first rows, for quick backtests on a file without declared fields. */
export function inferCatalogFromCsv(
  path: string,
  options: { sampleRows?: number; exclude?: string[] } = {},
): FieldCatalog {
  // only the head of the file: a multi-gigabyte history must not be read to guess column types
  const fd = openSync(path, 'r');
  let head: string;
  try {
    const buf = Buffer.alloc(2_000_000);
    head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
  const lines = head.split('\n');
  const rows = parseSync(lines.slice(0, (options.sampleRows ?? 500) + 1).join('\n'), {
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  const header = rows[0] ?? [];
  const defs: FieldDefinition[] = header
    .filter((h) => !(options.exclude ?? []).includes(h))
    .map((name) => {
      const i = header.indexOf(name);
      const values = rows
        .slice(1)
        .map((r) => r[i] ?? '')
        .filter((v) => v !== '' && v !== 'NA');
      let type: FieldType = 'string';
      if (
        values.length > 0 &&
        values.every((v) => TRUE.has(v) || FALSE.has(v)) &&
        values.some((v) => !/^[01]$/.test(v))
      )
        type = 'boolean';
      else if (values.length > 0 && values.every((v) => !Number.isNaN(Number(v)))) type = 'number';
      else if (values.length > 0 && values.every((v) => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v))))
        type = 'date';
      return { name, type, description: 'inferred from CSV' };
    });
  return createFieldCatalog(defs);
}
