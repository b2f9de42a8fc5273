/** The console's front page: decisions, rates, latency, open cases, the book's bad rate and score drift, from the store. */
export { createOverviewService, type Overview, type OverviewService, type OpenCases } from './overview.js';
export { overviewRepository, type OverviewRepository } from './repository.js';
