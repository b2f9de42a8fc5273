/** File import: CSV/Parquet rows into the store through the API's schemas; data set registration. */
export {
  importFile,
  readApplications,
  csvCell,
  IMPORT_KINDS,
  type ImportKind,
  type ImportOptions,
  type ImportSummary,
} from './import.js';
export { registerDataset, fileSha256, type DatasetRegistration } from './datasets.js';
export { openRows, detectFormat, type RowSource, type SourceRow } from './readers.js';
export { APPLICATION_COLUMNS, LOAN_COLUMNS, INSTALLMENT_COLUMNS, PAYMENT_COLUMNS } from './kinds.js';
export { importedApplications, type ImportedApplication, type ImportedApplications } from './applications.js';
