/** A tenant's monthly book built from the store (loans, instalments, repayment events), month ends from..to. */
import type { SqlExecutor } from '../store/index.js';
import { buildMonthlyBook, type MonthlyBook } from './book.js';
import { dayOfMs, monthOfDay, toMonth } from './dates.js';
import { readLoanBook } from './portfolio/book-reader.js';

export interface StoredBookOptions {
  /** First month (`YYYY-MM`); default the first disbursement month. */
  from?: string;
  /** Last month (`YYYY-MM`); default the month of `now`. */
  to?: string;
  now: Date;
  onProgress?: (loansDone: number, total: number) => void;
}

/** Undefined when the tenant has no loans. */
export async function buildStoredBook(
  db: SqlExecutor,
  tenantId: string,
  options: StoredBookOptions,
): Promise<MonthlyBook | undefined> {
  const read = await readLoanBook(db, tenantId);
  if (read.loans.size === 0) return undefined;
  let first = Infinity;
  for (let i = 0; i < read.loans.size; i++) first = Math.min(first, monthOfDay(read.loans.disbursedDay[i]!));
  const firstMonth = options.from ? toMonth(options.from) : first;
  const lastMonth = options.to ? toMonth(options.to) : monthOfDay(dayOfMs(options.now.getTime()));
  return buildMonthlyBook(read.loans, read.repayments, {
    firstMonth,
    months: Math.max(1, lastMonth - firstMonth + 1),
    schedules: read.schedules,
    loanIds: read.loanIds,
    applicationIds: read.applicationIds,
    ...(options.onProgress ? { onProgress: (d: number) => options.onProgress!(d, read.loans.size) } : {}),
  });
}
