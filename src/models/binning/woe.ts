/** Weight of evidence and information value from good/bad counts. */
import type { Bin } from './types.js';

/**
 * WOE of a bin with `bads`/`goods` out of `totalBads`/`totalGoods`. The pseudo-count `alpha` is split by the overall
 * bad rate, so an empty bin gets WOE 0 (no evidence) and small bins shrink toward 0 instead of ±∞.
 */
export function woeOf(bads: number, goods: number, totalBads: number, totalGoods: number, alpha: number): number {
  if (bads + goods === 0) return 0;
  const p = totalBads / (totalBads + totalGoods);
  const b = bads + alpha * p;
  const g = goods + alpha * (1 - p);
  if (b <= 0 || g <= 0) return 0;
  return Math.log(b / totalBads / (g / totalGoods));
}

/** IV contribution: (share of bads − share of goods) × WOE. */
export function ivOf(bads: number, goods: number, totalBads: number, totalGoods: number, woe: number): number {
  return (bads / totalBads - goods / totalGoods) * woe;
}

/** Fills count, badRate, woe and iv of each bin from its goods/bads; returns the variable's IV. */
export function finishBins(bins: Bin[], alpha: number): number {
  let tb = 0;
  let tg = 0;
  for (const b of bins) {
    tb += b.bads;
    tg += b.goods;
  }
  let iv = 0;
  for (const b of bins) {
    b.count = b.bads + b.goods;
    b.badRate = b.count > 0 ? b.bads / b.count : 0;
    b.woe = tb > 0 && tg > 0 ? woeOf(b.bads, b.goods, tb, tg, alpha) : 0;
    b.iv = tb > 0 && tg > 0 ? ivOf(b.bads, b.goods, tb, tg, b.woe) : 0;
    iv += b.iv;
  }
  return iv;
}
