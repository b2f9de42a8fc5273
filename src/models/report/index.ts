export { renderReport, type ReportInput } from './html.js';
export { lineChart, barChart, escapeHtml, type Series } from './svg.js';
