/**
 * The loan book's tables as bulk loads write them: each table's columns in COPY order (migrations/0600_book.sql).
 * One list per table, for every writer (`riskloop import`, the book loader), so a column added to the schema is
 * added once.
 */
export const LOAN_TABLE_COLUMNS = [
  'tenant_id',
  'loan_id',
  'application_id',
  'product',
  'principal',
  'term_months',
  'apr',
  'disbursed_at',
  'status',
] as const;

export const INSTALLMENT_TABLE_COLUMNS = [
  'tenant_id',
  'loan_id',
  'installment_number',
  'due_date',
  'principal_due',
  'interest_due',
] as const;

export const REPAYMENT_TABLE_COLUMNS = [
  'tenant_id',
  'event_id',
  'loan_id',
  'paid_at',
  'amount',
  'installment_number',
] as const;
