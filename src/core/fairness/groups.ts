/**
 * The protected groups of every fairness view — one definition for a model version's decisions (models/fairness,
 * in SQL) and a flow backtest (rules/backtest, row by row): age band from the `applicant.age` fact, sex derived
 * from the national id while it is in clear (17th digit odd = male; else as declared), province from the
 * application's address. `unknown` when the source does not carry it; `unknown` is never the reference group.
 */
export type GroupDimension = 'age' | 'sex' | 'province';

export const GROUP_DIMENSIONS: readonly GroupDimension[] = ['age', 'sex', 'province'];

/** One application's group in each dimension. */
export type ProtectedGroups = Record<GroupDimension, string>;

export interface GroupCounts {
  dimension: GroupDimension;
  group: string;
  decisions: number;
  approved: number;
  loans: number;
  judged: number;
  bads: number;
}

export const UNKNOWN_GROUP = 'unknown';

/** Age bands (whole years at submission): upper bound (exclusive) and label; the last is open. */
export const AGE_BANDS: ReadonlyArray<readonly [number, string]> = [
  [25, '18-24'],
  [35, '25-34'],
  [45, '35-44'],
  [55, '45-54'],
  [Infinity, '55+'],
];

export function ageBand(age: unknown): string {
  if (typeof age !== 'number' || !Number.isFinite(age)) return UNKNOWN_GROUP;
  return AGE_BANDS.find(([hi]) => age < hi)![1];
}

/** The same bands as a SQL `case` over a numeric expression (for queries that group in the store). */
export function ageBandSql(age: string): string {
  return `case when ${age} is null then '${UNKNOWN_GROUP}' ${AGE_BANDS.filter(([hi]) => Number.isFinite(hi))
    .map(([hi, label]) => `when ${age} < ${hi} then '${label}'`)
    .join(' ')} else '${AGE_BANDS[AGE_BANDS.length - 1]![1]}' end`;
}

export function sexGroup(sex: unknown): string {
  return sex === 'M' || sex === 'F' ? sex : UNKNOWN_GROUP;
}

export function provinceGroup(province: unknown): string {
  return typeof province === 'string' && province.trim() !== '' ? province : UNKNOWN_GROUP;
}

export function protectedGroups(g: { age: unknown; sex: unknown; province: unknown }): ProtectedGroups {
  return { age: ageBand(g.age), sex: sexGroup(g.sex), province: provinceGroup(g.province) };
}
