/** Strategy: credit limits from ability and willingness, and risk-based prices, each with its reasons. */
export * from './types.js';
export { annuityPayment, annuityPrincipal, computeLimit } from './limit.js';
export { fmtPct, priceForBand } from './pricing.js';
