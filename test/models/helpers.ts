/** Real data slices for tests, read at run time from ../shared/data (never copied into the repository). */
import { readFileSync } from 'node:fs';
import { labelledFromRecords, parseCsvRecords, type LabelledDataset } from '../../src/models/dataset.js';

export const dataPath = (file: string) => new URL(`../../../shared/data/${file}`, import.meta.url).pathname;

/** The first `rows` data rows of a CSV (all when omitted). */
export function slice(file: string, target: string, rows?: number): LabelledDataset {
  const text = readFileSync(dataPath(file), 'utf8');
  const { header, records } = parseCsvRecords(text);
  return labelledFromRecords(header, rows ? records.slice(0, rows) : records, { target });
}

export const GMSC_PAST_DUE = [
  'NumberOfTime30-59DaysPastDueNotWorse',
  'NumberOfTimes90DaysLate',
  'NumberOfTime60-89DaysPastDueNotWorse',
];
export const gmscSpecials = Object.fromEntries(GMSC_PAST_DUE.map((c) => [c, [96, 98]]));
