/** Expected loss = PD × LGD × EAD, summed by segment. */

export interface ExpectedLossInput {
  /** Probability of default per loan (e.g. a B-card's 12-month PD). */
  pd: ArrayLike<number>;
  /** Exposure at default per loan (outstanding balance; add undrawn × CCF for revolving lines before calling). */
  ead: ArrayLike<number>;
  /** Loss given default: one number, or per segment level. */
  lgd: number | Record<string, number>;
  segment?: ArrayLike<number>;
  segmentLevels?: string[];
}

export interface ExpectedLossRow {
  segment: string;
  accounts: number;
  ead: number;
  expectedLoss: number;
  /** expectedLoss / ead */
  lossRate: number;
  /** EAD-weighted mean PD. */
  pd: number;
}

export function expectedLoss(input: ExpectedLossInput): { rows: ExpectedLossRow[]; total: ExpectedLossRow } {
  const levels = input.segmentLevels ?? ['all'];
  const n = input.pd.length;
  if (input.ead.length !== n) throw new RangeError('pd and ead must have the same length');
  const acc = levels.map(() => ({ accounts: 0, ead: 0, el: 0, pdEad: 0 }));
  const lgdOf = levels.map((l) => {
    const v = typeof input.lgd === 'number' ? input.lgd : input.lgd[l];
    if (v === undefined || v < 0 || v > 1) throw new RangeError(`LGD for segment ${l} must be in [0, 1]`);
    return v;
  });
  for (let i = 0; i < n; i++) {
    const s = input.segment ? input.segment[i]! : 0;
    const ead = input.ead[i]!;
    if (!(ead > 0)) continue;
    const pd = input.pd[i]!;
    const a = acc[s]!;
    a.accounts++;
    a.ead += ead;
    a.el += pd * lgdOf[s]! * ead;
    a.pdEad += pd * ead;
  }
  const row = (segment: string, a: { accounts: number; ead: number; el: number; pdEad: number }) => ({
    segment,
    accounts: a.accounts,
    ead: a.ead,
    expectedLoss: a.el,
    lossRate: a.ead > 0 ? a.el / a.ead : 0,
    pd: a.ead > 0 ? a.pdEad / a.ead : 0,
  });
  const total = acc.reduce(
    (t, a) => ({ accounts: t.accounts + a.accounts, ead: t.ead + a.ead, el: t.el + a.el, pdEad: t.pdEad + a.pdEad }),
    { accounts: 0, ead: 0, el: 0, pdEad: 0 },
  );
  return { rows: levels.map((l, i) => row(l, acc[i]!)), total: row('total', total) };
}
