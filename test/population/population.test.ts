import { beforeAll, describe, expect, it } from 'vitest';
import { createPhoneRegions, provinceCodeOf } from '../../src/core/index.js';
import { isLuhnValid, isValidNationalId, PopulationGenerator } from '../../src/population/index.js';
import type { PopulationBundle } from '../../src/population/index.js';

/** Rank-based AUC (ties averaged): the probability a random bad scores above a random good. */
function auc(scores: number[], labels: number[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j < idx.length && scores[idx[j]!] === scores[idx[i]!]) j++;
    for (let k = i; k < j; k++) {
      if (labels[idx[k]!]) {
        rankSum += (i + j + 1) / 2;
        pos++;
      }
    }
    i = j;
  }
  const neg = idx.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Plain gradient-descent logistic regression on standardised columns; returns in-sample scores. */
function logisticScores(x: number[][], y: number[]): number[] {
  const d = x[0]!.length;
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (const r of x) r.forEach((v, j) => (mean[j]! += v / x.length));
  for (const r of x) r.forEach((v, j) => (sd[j]! += (v - mean[j]!) ** 2 / x.length));
  const z = x.map((r) => r.map((v, j) => (v - mean[j]!) / (Math.sqrt(sd[j]!) || 1)));
  const w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < 200; it++) {
    const g = new Array<number>(d + 1).fill(0);
    z.forEach((r, i) => {
      const s = r.reduce((acc, v, j) => acc + v * w[j + 1]!, w[0]!);
      const e = 1 / (1 + Math.exp(-s)) - y[i]!;
      g[0]! += e;
      r.forEach((v, j) => (g[j + 1]! += e * v));
    });
    for (let j = 0; j <= d; j++) w[j]! -= g[j]! / z.length;
  }
  return z.map((r) => r.reduce((acc, v, j) => acc + v * w[j + 1]!, w[0]!));
}

const N = 20_000;
let bundles: PopulationBundle[] = [];

beforeAll(() => {
  bundles = [...new PopulationGenerator({ applications: N, seed: 11 }).bundles()];
});

const applicationsIn6m = (b: PopulationBundle): number => {
  const at = Date.parse(b.application.submittedAt);
  return b.consortiumEvents.filter((e) => {
    const t = Date.parse(e.occurredAt);
    return e.eventType === 'application' && t < at && t >= at - 183 * 86_400_000;
  }).length;
};

describe('population distributions', () => {
  it('generates the requested applications in time order over 24 months with seasonality', () => {
    expect(bundles).toHaveLength(N);
    const months = new Map<string, number>();
    let last = '';
    for (const b of bundles) {
      const day = b.application.submittedAt.slice(0, 10);
      expect(day >= last).toBe(true);
      last = day;
      const m = day.slice(0, 7);
      months.set(m, (months.get(m) ?? 0) + 1);
    }
    expect(months.size).toBe(24);
    expect(months.get('2024-12')!).toBeGreaterThan(months.get('2024-02')! * 1.2);
  });

  it('has adult, right-skewed ages and log-normal incomes', () => {
    const ages = bundles.map((b) => b.application.age).sort((a, b) => a - b);
    expect(ages[0]).toBeGreaterThanOrEqual(18);
    expect(ages[ages.length - 1]).toBeLessThanOrEqual(67); // 65 at first application, + 2 years for repeats
    const medianAge = ages[ages.length >> 1]!;
    expect(medianAge).toBeGreaterThanOrEqual(25);
    expect(medianAge).toBeLessThanOrEqual(35);
    const incomes = bundles.map((b) => b.application.declaredIncome).sort((a, b) => a - b);
    const mean = incomes.reduce((a, b) => a + b, 0) / incomes.length;
    const median = incomes[incomes.length >> 1]!;
    expect(mean).toBeGreaterThan(median * 1.1); // right skew
    const logs = incomes.map(Math.log);
    const lm = logs.reduce((a, b) => a + b, 0) / logs.length;
    const skewLog = logs.reduce((a, v) => a + (v - lm) ** 3, 0) / logs.length;
    const sdLog = Math.sqrt(logs.reduce((a, v) => a + (v - lm) ** 2, 0) / logs.length);
    expect(Math.abs(skewLog / sdLog ** 3)).toBeLessThan(0.5); // roughly symmetric on the log scale
  });

  it('skews regions and employment', () => {
    const provinces = new Map<string, number>();
    const employment = new Map<string, number>();
    for (const b of bundles) {
      provinces.set(b.application.addressProvince, (provinces.get(b.application.addressProvince) ?? 0) + 1);
      employment.set(b.application.employmentStatus, (employment.get(b.application.employmentStatus) ?? 0) + 1);
    }
    const counts = [...provinces.values()].sort((a, b) => b - a);
    expect(counts[0]!).toBeGreaterThan(counts[counts.length - 1]! * 10);
    expect(employment.get('employed')! / N).toBeGreaterThan(0.4);
    expect(employment.size).toBe(6);
  });

  it('keeps fraud at 2–6 %, mostly defaulting on the first payment', () => {
    const fraud = bundles.filter((b) => b.truth.fraudType !== 'none');
    expect(fraud.length / N).toBeGreaterThanOrEqual(0.02);
    expect(fraud.length / N).toBeLessThanOrEqual(0.06);
    const types = new Set(fraud.map((b) => b.truth.fraudType));
    expect([...types].sort()).toEqual(['device-farm', 'first-party', 'identity-theft', 'ring']);
    expect(fraud.filter((b) => b.truth.firstPaymentDefault).length / fraud.length).toBeGreaterThan(0.6);
    const legit = bundles.filter((b) => b.truth.fraudType === 'none');
    expect(legit.filter((b) => b.truth.firstPaymentDefault).length / legit.length).toBeLessThan(0.1);
  });

  it('has a bad rate of 3–12 % on the book and overall', () => {
    const funded = bundles.filter((b) => b.truth.funded);
    const bookBad = funded.filter((b) => b.truth.defaulted).length / funded.length;
    const allBad = bundles.filter((b) => b.truth.defaulted).length / N;
    expect(bookBad).toBeGreaterThanOrEqual(0.03);
    expect(bookBad).toBeLessThanOrEqual(0.12);
    expect(allBad).toBeGreaterThanOrEqual(0.03);
    expect(allBad).toBeLessThanOrEqual(0.12);
    expect(funded.length / N).toBeGreaterThan(0.4);
    expect(funded.length / N).toBeLessThan(0.8);
  });

  it('rolls 30–50 % of M1 into M2, moving from month to month', () => {
    const byMonth = new Map<string, { m1: number; rolled: number }>();
    let m1 = 0;
    let rolled = 0;
    for (const b of bundles) {
      const r = b.repayments;
      for (let k = 0; k + 1 < r.length; k++) {
        if (r[k]!.bucket !== 1 || r[k + 1]!.bucket === null) continue;
        const month = r[k + 1]!.dueDate.slice(0, 7);
        const e = byMonth.get(month) ?? { m1: 0, rolled: 0 };
        e.m1++;
        m1++;
        if (r[k + 1]!.bucket! >= 2) {
          e.rolled++;
          rolled++;
        }
        byMonth.set(month, e);
      }
    }
    expect(rolled / m1).toBeGreaterThanOrEqual(0.3);
    expect(rolled / m1).toBeLessThanOrEqual(0.5);
    const monthly = [...byMonth.values()].filter((e) => e.m1 >= 60).map((e) => e.rolled / e.m1);
    expect(monthly.length).toBeGreaterThan(6);
    expect(Math.max(...monthly) - Math.min(...monthly)).toBeGreaterThan(0.08);
  });

  it('raises default risk with multi-lender borrowing', () => {
    const funded = bundles.filter((b) => b.truth.funded && b.truth.fraudType === 'none');
    const rate = (xs: PopulationBundle[]) => xs.filter((b) => b.truth.defaulted).length / xs.length;
    const none = funded.filter((b) => applicationsIn6m(b) === 0);
    const many = funded.filter((b) => applicationsIn6m(b) >= 3);
    expect(many.length).toBeGreaterThan(200);
    expect(rate(many)).toBeGreaterThan(rate(none) * 1.5);
  });

  it('puts emulators, rooted devices and proxies mostly, but not only, on fraud', () => {
    const share = (xs: PopulationBundle[], f: (b: PopulationBundle) => boolean) => xs.filter(f).length / xs.length;
    const organised = bundles.filter((b) => ['ring', 'device-farm', 'identity-theft'].includes(b.truth.fraudType));
    const legit = bundles.filter((b) => b.truth.fraudType === 'none');
    for (const flag of ['emulator', 'rooted', 'proxy'] as const) {
      expect(share(organised, (b) => b.application[flag])).toBeGreaterThan(
        5 * share(legit, (b) => b.application[flag]),
      );
      expect(legit.some((b) => b.application[flag])).toBe(true);
    }
  });

  it('lets a simple logistic score on observables reach AUC 0.70–0.90, and a weak one stay low', () => {
    const funded = bundles.filter((b) => b.truth.funded);
    const y = funded.map((b) => (b.truth.defaulted ? 1 : 0));
    const x = funded.map((b) => {
      const a = b.application;
      return [
        Math.log(a.declaredIncome),
        a.age,
        Math.log1p(applicationsIn6m(b)),
        Math.log1p(a.phoneTenureMonths),
        Math.log1p(a.monthsInJob),
        a.amount / a.declaredIncome,
        a.declaredObligations / a.declaredIncome,
        a.emulator ? 1 : 0,
        a.proxy ? 1 : 0,
        a.employmentStatus === 'unemployed' ? 1 : 0,
        a.education === 'bachelor' || a.education === 'master' ? 1 : 0,
      ];
    });
    const good = auc(logisticScores(x, y), y);
    expect(good).toBeGreaterThanOrEqual(0.7);
    expect(good).toBeLessThanOrEqual(0.9);
    const ageOnly = auc(
      logisticScores(
        x.map((r) => [r[1]!]),
        y,
      ),
      y,
    );
    expect(ageOnly).toBeLessThan(0.65);
  });
});

describe('identifiers and references', () => {
  it("gives honest applicants a number from their id's or their address's province, made-up identities one from anywhere", () => {
    const regions = createPhoneRegions();
    const byType = new Map<string, { n: number; neither: number; id: number }>();
    for (const b of bundles) {
      const a = b.application;
      const phone = regions.provinceOf(a.phone);
      if (phone === null) continue; // a virtual operator's number: no province
      const address = provinceCodeOf(a.addressProvince);
      const s = byType.get(b.truth.fraudType) ?? { n: 0, neither: 0, id: 0 };
      s.n++;
      if (phone === a.nationalId.slice(0, 2)) s.id++;
      if (phone !== a.nationalId.slice(0, 2) && phone !== address) s.neither++;
      byType.set(b.truth.fraudType, s);
    }
    const honest = byType.get('none')!;
    expect(honest.id / honest.n).toBeGreaterThan(0.65);
    expect(honest.neither / honest.n).toBeLessThan(0.05);
    const theft = byType.get('identity-theft')!;
    expect(theft.neither / theft.n).toBeGreaterThan(0.5);
  });

  it('issues realistic, valid and unique identifiers', () => {
    const ids = new Set<string>();
    for (const b of bundles) {
      const a = b.application;
      expect(isValidNationalId(a.nationalId)).toBe(true);
      expect(a.nationalId.slice(6, 14)).toBe(a.dateOfBirth.replaceAll('-', ''));
      expect(a.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(a.contactPhone).toMatch(/^1[3-9]\d{9}$/);
      expect(isLuhnValid(a.bankCard) && a.bankCard.length === 16).toBe(true);
      expect(a.email).toMatch(/^[a-z0-9.]+@[a-z0-9.]+\.[a-z]+$/);
      expect(a.deviceId).toMatch(/^[0-9a-f]{16}$/);
      expect(a.ip.split('.').every((o) => Number(o) >= 0 && Number(o) <= 255)).toBe(true);
      if (b.applicant) {
        expect(ids.has(b.applicant.nationalId)).toBe(false);
        ids.add(b.applicant.nationalId);
        expect(Number(b.applicant.nationalId[16]) % 2 === 1).toBe(b.applicant.gender === 'M');
      }
    }
  });

  it('keeps every reference consistent', () => {
    const applicants = new Set<string>();
    const devices = new Set<string>();
    let loans = 0;
    for (const b of bundles) {
      if (b.applicant) applicants.add(b.applicant.applicantId);
      for (const d of b.devices) {
        expect(devices.has(d.deviceId)).toBe(false);
        devices.add(d.deviceId);
      }
      expect(applicants.has(b.application.applicantId)).toBe(true);
      expect(devices.has(b.application.deviceId)).toBe(true);
      expect(b.truth.funded).toBe(b.application.decision === 'approve');
      expect(Boolean(b.loan)).toBe(b.truth.funded);
      if (b.loan) {
        loans++;
        expect(b.repayments).toHaveLength(b.loan.termMonths);
        const principal = b.repayments.reduce((s, r) => s + r.principalDue, 0);
        expect(principal).toBeCloseTo(b.loan.principal, 1);
      } else expect(b.repayments).toHaveLength(0);
      for (const e of b.consortiumEvents) expect(e.occurredAt <= '2026-01-01').toBe(true);
    }
    expect(loans).toBeGreaterThan(0);
    const kinds = new Set(bundles.flatMap((b) => b.consortiumEvents.map((e) => `${e.eventType}/${e.institutionType}`)));
    for (const t of ['application', 'approval', 'loan', 'overdue']) {
      for (const i of ['bank', 'consumer-finance', 'microloan', 'online-lender'])
        expect(kinds.has(`${t}/${i}`)).toBe(true);
    }
  });
});

describe('ground truth invariants', () => {
  it('makes rings of 3–60 members that really share identifiers, partially', () => {
    const rings = new Map<string, PopulationBundle[]>();
    for (const b of bundles) if (b.truth.ringId) rings.set(b.truth.ringId, [...(rings.get(b.truth.ringId) ?? []), b]);
    expect(rings.size).toBeGreaterThan(5);
    for (const members of rings.values()) {
      expect(members.length).toBeGreaterThanOrEqual(3);
      expect(members.length).toBeLessThanOrEqual(60);
      const keys = (b: PopulationBundle) => {
        const a = b.application;
        return [
          `p:${a.phone}`,
          `d:${a.deviceId}`,
          `ip:${a.ip.split('.').slice(0, 3).join('.')}`,
          `c:${a.contactPhone}`,
          `e:${a.employer}`,
          `a:${a.addressLine}`,
        ].filter((k) => !k.endsWith(':'));
      };
      const counts = new Map<string, number>();
      for (const m of members) for (const k of keys(m)) counts.set(k, (counts.get(k) ?? 0) + 1);
      for (const m of members) expect(keys(m).some((k) => counts.get(k)! > 1)).toBe(true);
      // Partial overlap: not every member carries the same phone and device.
      const phones = new Set(members.map((m) => m.application.phone));
      if (members.length >= 8) expect(phones.size).toBeGreaterThan(1);
    }
    // Outside rings, identifiers are rarely shared.
    const legitPhones = new Map<string, Set<string>>();
    for (const b of bundles.filter((x) => x.truth.fraudType === 'none')) {
      const s = legitPhones.get(b.application.phone) ?? new Set<string>();
      s.add(b.application.applicantId);
      legitPhones.set(b.application.phone, s);
    }
    expect([...legitPhones.values()].every((s) => s.size === 1)).toBe(true);
  });

  it('puts many accounts behind each device farm', () => {
    const imageOf = new Map<string, string>();
    for (const b of bundles) for (const d of b.devices) imageOf.set(d.deviceId, d.imageHash);
    const farms = new Map<string, PopulationBundle[]>();
    for (const b of bundles) if (b.truth.farmId) farms.set(b.truth.farmId, [...(farms.get(b.truth.farmId) ?? []), b]);
    expect(farms.size).toBeGreaterThan(0);
    for (const members of farms.values()) {
      expect(members.length).toBeGreaterThanOrEqual(8);
      const perKey = new Map<string, Set<string>>();
      for (const m of members) {
        for (const key of [`d:${m.application.deviceId}`, `i:${imageOf.get(m.application.deviceId)}`]) {
          const s = perKey.get(key) ?? new Set<string>();
          s.add(m.application.applicantId);
          perKey.set(key, s);
        }
      }
      const widest = Math.max(...[...perKey.values()].map((s) => s.size));
      expect(widest).toBe(new Set(members.map((m) => m.application.applicantId)).size);
      expect(widest).toBeGreaterThanOrEqual(8);
    }
  });
});
