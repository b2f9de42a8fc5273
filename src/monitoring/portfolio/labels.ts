import type { MonthlyBook } from '../book.js';
import { monthToIso } from '../dates.js';

/** Column label: `2024-03`, or `M-12` for books whose months are only known relative to the data's end. */
export function monthLabel(book: Pick<MonthlyBook, 'relativeTo'>, month: number): string {
  return book.relativeTo === undefined ? monthToIso(month) : `M${month - book.relativeTo}`;
}
