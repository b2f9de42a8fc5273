export * from './types.js';
export { createListIndex, type ListIndex, type ListIndexOptions, type ScreeningResult } from './list-index.js';
export { parseListCsv, type ListImportOptions } from './csv-import.js';
