/** Prospect lists from CSV rows: checked against the same schema as the API, errors by row and field, never value. */
import { parse } from 'csv-parse/sync';
import { compileValidator, createAjv, ValidationError } from '../core/index.js';
import { ProspectSchema, type Prospect } from './prescreen.js';

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

const validateProspect = compileValidator(createAjv(), ProspectSchema);

/** One CSV row as a prospect; `index` is the 0-based data row (issue paths are `/prospects/<index>/…`). */
export function prospectFromCsv(row: Record<string, string>, index: number): Prospect {
  // plain decimals only (no hex, exponents or spaces); anything else stays text and fails the schema by name
  const n = (v: string | undefined) => (v === undefined || v === '' ? undefined : DECIMAL.test(v) ? Number(v) : v);
  const candidate = {
    ref: row.ref,
    applicant: {
      nationalId: row.nationalId,
      name: row.name,
      dateOfBirth: row.dateOfBirth,
      phone: row.phone,
      ...(row.email ? { email: row.email } : {}),
      ...(row.employmentStatus
        ? {
            employment: {
              status: row.employmentStatus,
              ...(row.monthsInJob ? { monthsInJob: n(row.monthsInJob) } : {}),
            },
          }
        : {}),
      ...(row.province || row.city
        ? { address: { ...(row.province ? { province: row.province } : {}), ...(row.city ? { city: row.city } : {}) } }
        : {}),
    },
    declaredIncome: n(row.declaredIncome),
    ...(row.declaredObligations ? { declaredObligations: n(row.declaredObligations) } : {}),
  };
  try {
    return validateProspect.assert(candidate, 'prospect');
  } catch (err) {
    if (err instanceof ValidationError) {
      // paths name the row and the field; never the value, which may be an identifier
      throw new ValidationError(
        `prospect list is invalid at row ${index + 1}`,
        err.issues.map((i) => ({ path: `/prospects/${index}${i.path}`, message: i.message })),
      );
    }
    throw err;
  }
}

/**
 * A prospect CSV's rows by header (the API's text/csv body, the CLI's file). Unreadable CSV is a 400 whose message
 * keeps no quoted cell: the parser quotes what it choked on, and a cell may be an identifier.
 */
export function prospectCsvRows(text: string): Record<string, string>[] {
  try {
    return parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (err) {
    throw new ValidationError('prospect CSV cannot be read', [
      { path: '/body', message: (err as Error).message.replace(/".*?"/g, '…') },
    ]);
  }
}
