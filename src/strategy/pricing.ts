import type { PriceResult, PricingPolicy } from './types.js';

/** Risk-based price: the band's APR, held inside the product's floor and cap. */
export function priceForBand(band: string | null, policy: PricingPolicy): PriceResult {
  const base = band === null ? undefined : policy.aprByBand[band];
  if (base === undefined) {
    return {
      apr: null,
      reasons: [{ code: 'PRICE_NO_BAND', message: `no price is set for band ${band ?? '(none)'}`, values: { band } }],
    };
  }
  const reasons: PriceResult['reasons'] = [
    { code: 'PRICE_BAND', message: `APR ${fmtPct(base)} for band ${band}`, values: { band, apr: base } },
  ];
  let apr = base;
  if (policy.floor !== undefined && apr < policy.floor) {
    apr = policy.floor;
    reasons.push({ code: 'PRICE_FLOOR', message: `raised to the floor ${fmtPct(apr)}`, values: { floor: apr } });
  }
  if (policy.cap !== undefined && apr > policy.cap) {
    apr = policy.cap;
    reasons.push({ code: 'PRICE_CAP', message: `capped at ${fmtPct(apr)}`, values: { cap: apr } });
  }
  return { apr, reasons };
}

export function fmtPct(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}
