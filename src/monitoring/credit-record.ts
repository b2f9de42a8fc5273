/**
 * Reader for the public "Credit Card Approval Prediction" monthly status file (credit_record.csv: ID,
 * MONTHS_BALANCE, STATUS) into a MonthlyBook, and its application file for segments and features.
 *
 * STATUS → bucket: 0 (1–29 DPD) → M1, 1 (30–59) → M2, 2 → M3, 3 → M4, 4 → M5, 5 (150+ or written off) → M6
 * (the data cannot tell M6 from M7+, so "M6" here means 150+). C (paid off that month) and X (no balance that
 * month) → current: the card account stays open, nothing is past due. Origination = the account's first month.
 */
import { readFile } from 'node:fs/promises';
import { ValidationError } from '../core/errors.js';
import type { MonthlyBook } from './book.js';
import { NOT_ON_BOOK } from '../core/delinquency/index.js';

const STATUS_TO_BUCKET: Record<string, number> = { '0': 1, '1': 2, '2': 3, '3': 4, '4': 5, '5': 6, C: 0, X: 0 };

/** Month index used for MONTHS_BALANCE = 0; labels render relative (`M-12`) so the anchor never shows. */
const ANCHOR = 2400;

export interface CreditRecordBook {
  book: MonthlyBook;
  /** The data set's ID per book row. */
  ids: Int32Array;
}

export function parseCreditRecord(text: string): CreditRecordBook {
  const lines = text.split('\n');
  const header = lines[0]?.trim();
  if (header !== 'ID,MONTHS_BALANCE,STATUS')
    throw new ValidationError('not a credit_record file', [
      { path: 'header', message: 'expected ID,MONTHS_BALANCE,STATUS' },
    ]);
  const n = lines.length - 1;
  const id = new Int32Array(n);
  const mb = new Int32Array(n);
  const bucket = new Uint8Array(n);
  let rows = 0;
  let minMb = 0;
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.length < 5) continue;
    const c1 = line.indexOf(',');
    const c2 = line.indexOf(',', c1 + 1);
    const status = line.slice(c2 + 1).trim();
    const b = STATUS_TO_BUCKET[status];
    if (c1 < 0 || c2 < 0 || b === undefined)
      throw new ValidationError(`bad credit_record line ${k + 1}`, [
        { path: `line ${k + 1}`, message: 'ID,MONTHS_BALANCE,STATUS' },
      ]);
    id[rows] = Number(line.slice(0, c1));
    mb[rows] = Number(line.slice(c1 + 1, c2));
    bucket[rows] = b;
    if (mb[rows]! < minMb) minMb = mb[rows]!;
    rows++;
  }
  const index = new Map<number, number>();
  for (let r = 0; r < rows; r++) if (!index.has(id[r]!)) index.set(id[r]!, index.size);
  const loans = index.size;
  const months = 1 - minMb;
  const firstMonth = ANCHOR + minMb;
  const matrix = new Uint8Array(loans * months).fill(NOT_ON_BOOK);
  const originMonth = new Int32Array(loans).fill(ANCHOR + 1);
  const ids = new Int32Array(loans);
  for (let r = 0; r < rows; r++) {
    const i = index.get(id[r]!)!;
    ids[i] = id[r]!;
    const month = ANCHOR + mb[r]!;
    matrix[i * months + (month - firstMonth)] = bucket[r]!;
    if (month < originMonth[i]!) originMonth[i] = month;
  }
  return {
    book: {
      loans,
      months,
      firstMonth,
      originMonth,
      bucket: matrix,
      relativeTo: ANCHOR,
      loanIds: Array.from(ids, String),
    },
    ids,
  };
}

export async function readCreditRecord(path: string): Promise<CreditRecordBook> {
  return parseCreditRecord(await readFile(path, 'utf8'));
}

/** Columns of application_record.csv by ID, in one pass (first occurrence wins: a few IDs repeat). */
export function parseApplicationColumns(text: string, columns: string[]): Map<number, string>[] {
  const firstNl = text.indexOf('\n');
  const header = text.slice(0, firstNl).trim().split(',');
  const idx = columns.map((c) => header.indexOf(c));
  const bad = columns.filter((_, k) => idx[k]! < 0);
  if (header[0] !== 'ID' || bad.length)
    throw new ValidationError(
      'not an application_record file',
      bad.map((c) => ({ path: c, message: 'no such column' })),
    );
  const out = columns.map(() => new Map<number, string>());
  let pos = firstNl + 1;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end).trim();
    pos = end + 1;
    if (!line) continue;
    const cells = line.split(',');
    const key = Number(cells[0]);
    if (out[0]!.has(key)) continue;
    for (let k = 0; k < columns.length; k++) out[k]!.set(key, cells[idx[k]!] ?? '');
  }
  return out;
}

/** Attach a segment per loan from an ID → level map; IDs without an application become `unknown`. */
export function withSegments(cr: CreditRecordBook, byId: Map<number, string>): MonthlyBook {
  const levels: string[] = [];
  const code = new Map<string, number>();
  const segment = new Uint16Array(cr.book.loans);
  for (let i = 0; i < cr.book.loans; i++) {
    const level = byId.get(cr.ids[i]!) || 'unknown';
    let c = code.get(level);
    if (c === undefined) {
      code.set(level, (c = levels.length));
      levels.push(level);
    }
    segment[i] = c;
  }
  return { ...cr.book, segment, segmentLevels: levels };
}
