/**
 * A generic monthly loan-status CSV: `loan_id,month,dpd[,balance][,segment]` (month = YYYY-MM, one row per loan per
 * month end; a loan's origination month is its first row; dpd = -1 marks the month it closed). Loaders pick this or
 * credit_record.csv by the header.
 */
import { readFile } from 'node:fs/promises';
import { ValidationError } from '../core/errors.js';
import type { MonthlyBook } from './book.js';
import { bucketOfDpd, CLOSED, NOT_ON_BOOK } from '../core/delinquency/index.js';
import { parseCreditRecord } from './credit-record.js';
import { toMonth } from './dates.js';

export function parseMonthlyStatus(text: string): MonthlyBook {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').trim().split(',');
  const col = (name: string) => header.indexOf(name);
  const [cLoan, cMonth, cDpd, cBal, cSeg] = [col('loan_id'), col('month'), col('dpd'), col('balance'), col('segment')];
  if (cLoan < 0 || cMonth < 0 || cDpd < 0)
    throw new ValidationError('not a monthly status file', [{ path: 'header', message: 'needs loan_id,month,dpd' }]);
  const rows: { loan: number; month: number; bucket: number; balance: number; segment: number }[] = [];
  const loanIndex = new Map<string, number>();
  const segIndex = new Map<string, number>();
  let minMonth = Infinity;
  let maxMonth = -Infinity;
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!.trim();
    if (!line) continue;
    const cells = line.split(',');
    const dpd = Number(cells[cDpd]);
    let month: number;
    try {
      month = toMonth(cells[cMonth] ?? '');
    } catch {
      throw new ValidationError(`bad month on line ${k + 1}`, [{ path: `line ${k + 1}/month`, message: 'YYYY-MM' }]);
    }
    if (!Number.isFinite(dpd))
      throw new ValidationError(`bad dpd on line ${k + 1}`, [{ path: `line ${k + 1}/dpd`, message: 'an integer' }]);
    const id = cells[cLoan]!;
    let loan = loanIndex.get(id);
    if (loan === undefined) loanIndex.set(id, (loan = loanIndex.size));
    const segName = cSeg >= 0 ? (cells[cSeg] ?? '') : 'all';
    let segment = segIndex.get(segName);
    if (segment === undefined) segIndex.set(segName, (segment = segIndex.size));
    rows.push({
      loan,
      month,
      bucket: dpd < 0 ? CLOSED : bucketOfDpd(dpd),
      balance: cBal >= 0 ? Number(cells[cBal]) : 0,
      segment,
    });
    if (month < minMonth) minMonth = month;
    if (month > maxMonth) maxMonth = month;
  }
  const loans = loanIndex.size;
  const months = loans ? maxMonth - minMonth + 1 : 0;
  const bucket = new Uint8Array(loans * months).fill(NOT_ON_BOOK);
  const balance = new Float32Array(loans * months);
  const originMonth = new Int32Array(loans).fill(maxMonth);
  const segment = new Uint16Array(loans);
  for (const r of rows) {
    const at = r.loan * months + (r.month - minMonth);
    bucket[at] = r.bucket;
    balance[at] = r.balance;
    segment[r.loan] = r.segment;
    if (r.month < originMonth[r.loan]!) originMonth[r.loan] = r.month;
  }
  return {
    loans,
    months,
    firstMonth: minMonth,
    originMonth,
    bucket,
    ...(cBal >= 0 ? { balance } : {}),
    segment,
    segmentLevels: [...segIndex.keys()],
    loanIds: [...loanIndex.keys()],
  };
}

/** Load a book from credit_record.csv or a monthly status CSV, chosen by the header line. */
export async function loadMonthlyBook(path: string): Promise<MonthlyBook> {
  const text = await readFile(path, 'utf8');
  return text.startsWith('ID,MONTHS_BALANCE,STATUS') ? parseCreditRecord(text).book : parseMonthlyStatus(text);
}
