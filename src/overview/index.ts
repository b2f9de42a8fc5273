/** The console's front page: decisions, rates, latency, open cases, the book's bad rate and score drift, from the store. */
export { createOverviewService, type Overview, type OverviewService, type OpenCases } from './overview.js';
export { overviewRepository, type OverviewRepository, type TrendBucket } from './repository.js';
export {
  createTrends,
  bucketStart,
  type Trends,
  type TrendPoint,
  type TrendQuery,
  type TrendsService,
} from './trends.js';
export { isFraudReason, FRAUD_CODE_FAMILIES, FRAUD_REASON_SOURCES } from './fraud-reasons.js';
