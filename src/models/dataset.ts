/**
 * Tabular data for modelling: any CSV with a header becomes a column-oriented table (contract 3 in contracts.md).
 * Types are inferred per column; bad input fails with a ValidationError whose issues name the column (or row).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ValidationError, type FieldIssue } from '../core/errors.js';
import { seededRandom } from '../core/random.js';

export type Column =
  | { kind: 'numeric'; name: string; values: Float64Array /* NaN = missing */ }
  | { kind: 'categorical'; name: string; codes: Int32Array /* -1 = missing */; levels: string[] };

export interface Dataset {
  names: string[];
  columns: Column[];
  rows: number;
}

/** A dataset with its binary target split off: y[i] = 1 means bad. */
export interface LabelledDataset {
  data: Dataset;
  y: Uint8Array;
  target: string;
  /** The raw target value that was mapped to 1. */
  badValue: string;
  /** Non-fatal findings (dropped constant columns, rows with a missing target, unit suffixes stripped). */
  warnings: string[];
}

export interface ReadOptions {
  /** Columns to ignore (the unnamed index column of a CSV is called '' and can be dropped as such). */
  drop?: string[];
  /** Force a column's kind instead of inferring it (scoring uses the model's kinds). */
  kinds?: Record<string, 'numeric' | 'categorical'>;
  /** Share of non-missing values that must parse as numbers before a column counts as numeric-with-bad-text. */
  numericShare?: number;
}

export interface TargetOptions extends ReadOptions {
  target: string;
  /** The raw value meaning bad (e.g. `bad`, `Charged Off`); when absent 1 / bad / default / yes / true are tried. */
  bad?: string;
}

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none']);
const BAD_WORDS = /^(1|1\.0|bad|default|defaulted|charged off|yes|y|true)$/i;
/** A number followed by one unit, e.g. `83.70%` or ` 36 months`. */
const WITH_UNIT = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(%|[A-Za-z]+)$/;

export function isMissingToken(raw: string): boolean {
  return MISSING.has(raw.trim().toLowerCase());
}

/** Parses a plain number; NaN when the text is not one. */
export function parseNumber(raw: string): number {
  const t = raw.trim();
  if (t === '') return Number.NaN;
  const v = Number(t);
  return Number.isFinite(v) ? v : Number.NaN;
}

/** Reads a CSV file into header + records. Row numbers in errors are 1-based data rows (the header is line 1). */
export function readCsvRecords(path: string): { header: string[]; records: string[][] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ValidationError(`cannot read ${path}`, [{ path: 'data', message: (err as Error).message }]);
  }
  return parseCsvRecords(text);
}

export function parseCsvRecords(text: string): { header: string[]; records: string[][] } {
  const all = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  if (all.length === 0) throw new ValidationError('the CSV is empty', [{ path: 'data', message: 'no header row' }]);
  const header = all[0]!.map((h) => h.trim());
  const records = all.slice(1);
  for (let r = 0; r < records.length; r++) {
    const n = records[r]!.length;
    if (n !== header.length) {
      throw new ValidationError(`row ${r + 1} (line ${r + 2}) has ${n} fields but the header has ${header.length}`, [
        { path: `row ${r + 1}`, message: `expected ${header.length} fields, found ${n}` },
      ]);
    }
  }
  return { header, records };
}

interface Inferred {
  column: Column;
  warning?: string;
}

/** Infers one column; returns an issue instead when the column cannot be used. */
function inferColumn(
  name: string,
  raw: string[],
  forced: 'numeric' | 'categorical' | undefined,
  numericShare: number,
  allowAllMissing = false,
): Inferred | FieldIssue {
  const n = raw.length;
  const values = new Float64Array(n);
  let present = 0;
  let numeric = 0;
  const badExamples = new Set<string>();
  for (let i = 0; i < n; i++) {
    const s = raw[i]!;
    if (isMissingToken(s)) {
      values[i] = Number.NaN;
      continue;
    }
    present++;
    const v = parseNumber(s);
    values[i] = v;
    if (!Number.isNaN(v)) numeric++;
    else if (badExamples.size < 3) badExamples.add(s.trim());
  }
  if (present === 0 && n > 0) {
    if (!allowAllMissing) return { path: name, message: `column "${name}" is 100% missing; drop it` };
    if (forced !== 'categorical') return { column: { kind: 'numeric', name, values } };
  }

  if (forced !== 'categorical' && numeric === present) {
    return { column: { kind: 'numeric', name, values } };
  }
  if (forced !== 'categorical') {
    const unit = parseWithUnit(raw);
    if (unit) {
      return {
        column: { kind: 'numeric', name, values: unit.values },
        warning: `column "${name}": stripped unit "${unit.unit}" and read it as numbers`,
      };
    }
    if (forced === 'numeric' || numeric / present >= numericShare) {
      return {
        path: name,
        message:
          `column "${name}" is ${((100 * numeric) / present).toFixed(1)}% numeric but has text such as ` +
          `${[...badExamples].map((b) => JSON.stringify(b)).join(', ')}; clean it or drop it`,
      };
    }
  }
  const levels: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = raw[i]!;
    if (isMissingToken(s)) {
      codes[i] = -1;
      continue;
    }
    const key = s.trim();
    let c = index.get(key);
    if (c === undefined) {
      c = levels.length;
      levels.push(key);
      index.set(key, c);
    }
    codes[i] = c;
  }
  return { column: { kind: 'categorical', name, codes, levels } };
}

/** All non-missing values are `number unit` with one unit (`83.70%`, `36 months`): read the numbers. */
function parseWithUnit(raw: string[]): { values: Float64Array; unit: string } | undefined {
  let unit: string | undefined;
  const values = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i]!;
    if (isMissingToken(s)) {
      values[i] = Number.NaN;
      continue;
    }
    const m = WITH_UNIT.exec(s.trim());
    if (!m) return undefined;
    if (unit === undefined) unit = m[2]!;
    else if (unit !== m[2]) return undefined;
    values[i] = Number(m[1]);
  }
  return unit === undefined ? undefined : { values, unit };
}

/** An unnamed first column counting 0.. or 1.. is a pandas-style row index, not a feature. */
function isRowIndex(raw: string[]): boolean {
  if (raw.length === 0) return false;
  const start = parseNumber(raw[0]!);
  if (start !== 0 && start !== 1) return false;
  for (let i = 0; i < raw.length; i++) if (parseNumber(raw[i]!) !== start + i) return false;
  return true;
}

function isConstant(col: Column): boolean {
  if (col.kind === 'numeric') {
    const v = col.values;
    let first: number | undefined;
    let sawMissing = false;
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (Number.isNaN(x)) sawMissing = true;
      else if (first === undefined) first = x;
      else if (x !== first) return false;
    }
    return !(sawMissing && first !== undefined);
  }
  const c = col.codes;
  for (let i = 1; i < c.length; i++) if (c[i] !== c[0]) return false;
  return true;
}

/**
 * Builds a dataset from header + records. Constant columns are dropped with a warning; unusable columns (100 %
 * missing, text in a numeric column) are collected and reported together in one ValidationError.
 */
export function datasetFromRecords(
  header: string[],
  records: string[][],
  /** `keep`: columns kept even when constant or empty (scoring needs every model variable). */
  options: ReadOptions & { keep?: string[] } = {},
): { data: Dataset; warnings: string[] } {
  const drop = new Set(options.drop ?? []);
  const keep = new Set(options.keep ?? []);
  for (const d of drop) {
    if (!header.includes(d)) {
      throw new ValidationError(`cannot drop "${d}": no such column`, [
        { path: d, message: `not in the header (${header.join(', ')})` },
      ]);
    }
  }
  const issues: FieldIssue[] = [];
  const warnings: string[] = [];
  const columns: Column[] = [];
  header.forEach((name, j) => {
    if (drop.has(name)) return;
    const raw = records.map((r) => r[j]!);
    if (name === '' && isRowIndex(raw)) {
      warnings.push(`unnamed column ${j + 1} is a row index; dropped`);
      return;
    }
    const res = inferColumn(name, raw, options.kinds?.[name], options.numericShare ?? 0.9, keep.has(name));
    if ('path' in res) {
      issues.push(res);
      return;
    }
    if (res.warning) warnings.push(res.warning);
    if (!keep.has(name) && records.length > 1 && isConstant(res.column)) {
      warnings.push(`column "${name}" is constant; dropped`);
      return;
    }
    // Text with a distinct value on most rows is an identifier (ids, names, free text): grouping its levels by
    // bad rate would memorise the training target, so it never becomes a feature.
    if (!keep.has(name) && res.column.kind === 'categorical' && records.length >= 20) {
      if (res.column.levels.length > 0.5 * records.length) {
        warnings.push(
          `column "${name}" has ${res.column.levels.length} distinct values in ${records.length} rows (an identifier?); dropped`,
        );
        return;
      }
    }
    columns.push(res.column);
  });
  if (issues.length > 0) {
    throw new ValidationError(issues.map((i) => i.message).join('; '), issues);
  }
  return { data: { names: columns.map((c) => c.name), columns, rows: records.length }, warnings };
}

/** Maps the raw target column to 0/1; rows with a missing target are removed (with a warning). */
function mapTarget(
  target: string,
  raw: string[],
  bad: string | undefined,
): { y: Uint8Array; keepRows: number[]; badValue: string; dropped: number } {
  const seen = new Map<string, number>();
  for (const s of raw) {
    if (isMissingToken(s)) continue;
    const k = s.trim();
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const list = () =>
    [...seen.entries()]
      .slice(0, 10)
      .map(([k, c]) => `${JSON.stringify(k)} (${c})`)
      .join(', ');
  if (seen.size < 2) {
    throw new ValidationError(`target "${target}" has one class only; seen: ${list()}`, [
      { path: target, message: `one class only: needs both good and bad rows; seen ${list()}` },
    ]);
  }
  let badValue: string;
  if (bad !== undefined) {
    if (!seen.has(bad.trim())) {
      throw new ValidationError(`target "${target}" has no value ${JSON.stringify(bad)}; seen: ${list()}`, [
        { path: target, message: `bad value ${JSON.stringify(bad)} not found; seen ${list()}` },
      ]);
    }
    badValue = bad.trim();
  } else {
    const keys = [...seen.keys()];
    const numericBinary = keys.every((k) => parseNumber(k) === 0 || parseNumber(k) === 1);
    const candidates = numericBinary ? keys.filter((k) => parseNumber(k) === 1) : keys.filter((k) => BAD_WORDS.test(k));
    if (keys.length > 2 || candidates.length !== 1) {
      throw new ValidationError(
        `target "${target}" must be 0/1 or name its bad value (e.g. --target ${target}=<bad>); seen: ${list()}`,
        [{ path: target, message: `cannot tell which value is bad; seen ${list()}` }],
      );
    }
    badValue = candidates[0]!;
  }
  const keepRows: number[] = [];
  const ys: number[] = [];
  const badNumeric = parseNumber(badValue);
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i]!;
    if (isMissingToken(s)) continue;
    const k = s.trim();
    keepRows.push(i);
    ys.push(k === badValue || (!Number.isNaN(badNumeric) && parseNumber(k) === badNumeric) ? 1 : 0);
  }
  return { y: Uint8Array.from(ys), keepRows, badValue, dropped: raw.length - keepRows.length };
}

/** Header + records → labelled dataset. `target` may be written `col=badValue`. */
export function labelledFromRecords(header: string[], records: string[][], options: TargetOptions): LabelledDataset {
  let { target, bad } = options;
  if (!header.includes(target) && target.includes('=') && bad === undefined) {
    const at = target.indexOf('=');
    bad = target.slice(at + 1);
    target = target.slice(0, at);
  }
  const t = header.indexOf(target);
  if (t < 0) {
    throw new ValidationError(`target column "${target}" not found`, [
      { path: target, message: `not in the header (${header.join(', ')})` },
    ]);
  }
  const mapped = mapTarget(
    target,
    records.map((r) => r[t]!),
    bad,
  );
  const rows = mapped.dropped > 0 ? mapped.keepRows.map((i) => records[i]!) : records;
  let positives = 0;
  for (const v of mapped.y) positives += v;
  if (positives === 0 || positives === mapped.y.length) {
    throw new ValidationError(`target "${target}" has one class only after removing missing targets`, [
      { path: target, message: 'needs both good and bad rows' },
    ]);
  }
  const { data, warnings } = datasetFromRecords(header, rows, {
    ...options,
    drop: [...(options.drop ?? []), target],
  });
  if (mapped.dropped > 0) warnings.unshift(`${mapped.dropped} rows with a missing target "${target}" removed`);
  if (data.columns.length === 0) {
    throw new ValidationError('no usable feature columns', [{ path: 'data', message: 'every column was dropped' }]);
  }
  return { data, y: mapped.y, target, badValue: mapped.badValue, warnings };
}

export function readLabelledDataset(path: string, options: TargetOptions): LabelledDataset {
  const { header, records } = readCsvRecords(path);
  return labelledFromRecords(header, records, options);
}

export { seededRandom };

/** Stratified split by target: each class contributes round(n_c × testFraction) rows to test. Indices ascending. */
export function stratifiedSplit(
  y: ArrayLike<number>,
  testFraction = 0.3,
  seed = 42,
): { train: Uint32Array; test: Uint32Array } {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new ValidationError('test fraction must be between 0 and 1', [
      { path: 'testFraction', message: `got ${testFraction}` },
    ]);
  }
  const rand = seededRandom(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) idx.push(i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = idx[i]!;
      idx[i] = idx[j]!;
      idx[j] = t;
    }
    const nTest = Math.round(idx.length * testFraction);
    test.push(...idx.slice(0, nTest));
    train.push(...idx.slice(nTest));
  }
  return { train: Uint32Array.from(train).sort(), test: Uint32Array.from(test).sort() };
}

/** Selects rows (keeping levels, so codes stay comparable between the parts). */
export function takeRows(data: Dataset, rows: ArrayLike<number>): Dataset {
  const columns = data.columns.map((c): Column => {
    if (c.kind === 'numeric') {
      const v = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) v[i] = c.values[rows[i]!]!;
      return { kind: 'numeric', name: c.name, values: v };
    }
    const codes = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) codes[i] = c.codes[rows[i]!]!;
    return { kind: 'categorical', name: c.name, codes, levels: c.levels };
  });
  return { names: [...data.names], columns, rows: rows.length };
}

export function takeLabels(y: Uint8Array, rows: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = y[rows[i]!]!;
  return out;
}

/** The raw value of one cell as the scorecard and reason codes see it. */
export function cellValue(col: Column, row: number): number | string | null {
  if (col.kind === 'numeric') {
    const v = col.values[row]!;
    return Number.isNaN(v) ? null : v;
  }
  const c = col.codes[row]!;
  return c < 0 ? null : col.levels[c]!;
}

/**
 * The rows of `a` then the rows of `b`, column by column (same names and kinds, in `a`'s order). A categorical column
 * keeps `a`'s level codes and appends levels only `b` has, so codes stay comparable across the joined rows.
 */
export function concatRows(a: Dataset, b: Dataset): Dataset {
  const columns = a.columns.map((ca): Column => {
    const cb = b.columns[b.names.indexOf(ca.name)];
    if (!cb) {
      throw new ValidationError(`the second data set has no column "${ca.name}"`, [
        { path: ca.name, message: 'missing column' },
      ]);
    }
    if (ca.kind === 'numeric') {
      if (cb.kind !== 'numeric') {
        throw new ValidationError(`column "${ca.name}" is numeric in one data set and text in the other`, [
          { path: ca.name, message: 'kinds differ' },
        ]);
      }
      const values = new Float64Array(a.rows + b.rows);
      values.set(ca.values, 0);
      values.set(cb.values, a.rows);
      return { kind: 'numeric', name: ca.name, values };
    }
    const levels = [...ca.levels];
    const index = new Map(levels.map((l, k) => [l, k]));
    const codeOf = (l: string) => {
      let k = index.get(l);
      if (k === undefined) {
        k = levels.length;
        levels.push(l);
        index.set(l, k);
      }
      return k;
    };
    const codes = new Int32Array(a.rows + b.rows);
    codes.set(ca.codes, 0);
    if (cb.kind === 'categorical') {
      const map = cb.levels.map(codeOf);
      for (let i = 0; i < b.rows; i++) codes[a.rows + i] = cb.codes[i]! < 0 ? -1 : map[cb.codes[i]!]!;
    } else {
      for (let i = 0; i < b.rows; i++) {
        const v = cb.values[i]!;
        codes[a.rows + i] = Number.isNaN(v) ? -1 : codeOf(String(v));
      }
    }
    return { kind: 'categorical', name: ca.name, codes, levels };
  });
  return { names: [...a.names], columns, rows: a.rows + b.rows };
}
