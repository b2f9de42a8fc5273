/** Shapes shared by the binning steps. All are plain JSON so a binning round-trips through a model file. */

export type Monotonic = 'none' | 'auto' | 'ascending' | 'descending';
export type MergeMethod = 'tree' | 'chimerge';

export interface Bin {
  label: string;
  type: 'range' | 'special' | 'missing' | 'levels';
  /** Range bins hold x with lower ≤ x < upper (±Infinity at the ends; JSON keeps them as null). */
  lower?: number;
  upper?: number;
  /** Special bins hold exactly this value. */
  value?: number;
  /** Categorical groups. */
  levels?: string[];
  count: number;
  bads: number;
  goods: number;
  badRate: number;
  /** ln(share of bads / share of goods): positive means riskier than average. */
  woe: number;
  iv: number;
}

export interface VariableBinning {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Numeric: ascending cut points; bin k holds cuts[k-1] ≤ x < cuts[k]. */
  cuts: number[];
  /** Numeric values binned on their own (e.g. 96 / 98 codes). */
  specials: number[];
  /** Range (or level-group) bins first, then one per special value, then the missing bin (always last). */
  bins: Bin[];
  iv: number;
  /** The trend the bad rate follows across range bins. */
  trend: 'none' | 'ascending' | 'descending';
}

export interface BinningOptions {
  /** Equal-frequency pre-bins before merging. */
  preBins: number;
  /** Most range/group bins after merging (specials and missing come on top). */
  maxBins: number;
  /** Smallest range bin as a share of the non-missing, non-special rows. */
  minBinShare: number;
  /** Smallest range bin in rows, whatever the share (keeps small samples from splitting on noise). */
  minBinCount: number;
  method: MergeMethod;
  monotonic: Monotonic;
  /** ChiMerge stops when every adjacent pair differs at this chi-square (3.841 = 95 %, 1 d.f.). */
  chiThreshold: number;
  /** Tree splitting stops when the best split adds less IV than this. */
  minIvGain: number;
  /** Pseudo-count pulled toward the overall bad rate; keeps WOE finite (0 for an empty bin). 0 disables. */
  smoothing: number;
  /** Special values per column name. */
  specials: Record<string, number[]>;
  /** Manual cut points per numeric column (skips merging). */
  cuts: Record<string, number[]>;
  /** Manual level groups per categorical column (levels not listed go to the missing bin). */
  groups: Record<string, string[][]>;
}

export const defaultBinningOptions: BinningOptions = {
  preBins: 50,
  maxBins: 8,
  minBinShare: 0.02,
  minBinCount: 0,
  method: 'tree',
  monotonic: 'none',
  chiThreshold: 3.841,
  minIvGain: 0.001,
  smoothing: 0.5,
  specials: {},
  cuts: {},
  groups: {},
};

/** Good/bad counts of one cell (a pre-bin or a level) in the ordered sequence that merging works on. */
export interface Cell {
  goods: number;
  bads: number;
}
