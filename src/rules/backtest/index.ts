export * from './backtest.js';
export { inferCatalogFromCsv, parseLabel, readFactsCsv, rowMapper, type CsvSourceOptions } from './csv-source.js';
export { renderBacktestHtml } from './report.js';
export * from './shadow.js';
