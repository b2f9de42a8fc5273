/** Adverse impact ratios from group counts: the most favoured sizeable group is the reference, four-fifths flags. */
import { describe, expect, it } from 'vitest';
import { fairnessReport, type GroupCounts } from '../../src/models/index.js';

const g = (dimension: GroupCounts['dimension'], group: string, decisions: number, approved: number): GroupCounts => ({
  dimension,
  group,
  decisions,
  approved,
  loans: approved,
  judged: approved,
  bads: Math.round(approved / 10),
});

describe('fairnessReport', () => {
  it('ratios against the most favoured group, ignoring small and unknown groups as the reference', () => {
    const r = fairnessReport(
      [
        g('sex', 'M', 100, 60),
        g('sex', 'F', 100, 45),
        g('sex', 'unknown', 40, 40),
        g('province', 'Tiny', 10, 10),
        g('province', 'A', 50, 30),
        g('province', 'B', 50, 25),
      ],
      { asOf: new Date('2026-12-01T00:00:00Z') },
    );
    const sex = r.dimensions.find((d) => d.dimension === 'sex')!;
    expect(sex.reference).toBe('M');
    expect(sex.groups.map((x) => [x.group, x.approvalRate, x.adverseImpactRatio, x.flagged])).toEqual([
      ['M', 0.6, 1, false],
      ['F', 0.45, 0.75, true],
      ['unknown', 1, 1.6667, false],
    ]);
    const province = r.dimensions.find((d) => d.dimension === 'province')!;
    expect(province.reference).toBe('A');
    expect(province.groups.find((x) => x.group === 'Tiny')).toMatchObject({
      approvalRate: null,
      adverseImpactRatio: null,
    });
    expect(province.groups.find((x) => x.group === 'B')).toMatchObject({ adverseImpactRatio: 0.8333, flagged: false });
    expect(r.flagged).toEqual(['sex:F']);
    expect(r.dimensions.find((d) => d.dimension === 'age')).toEqual({ dimension: 'age', reference: null, groups: [] });
    // a tenant's own threshold
    expect(
      fairnessReport([g('sex', 'M', 100, 60), g('sex', 'F', 100, 45)], { asOf: new Date(), threshold: 0.7 }).flagged,
    ).toEqual([]);
  });
});
