/**
 * The global plan of a population, computed identically (and cheaply) by every chunk: calendar, macro factors,
 * lookup tables, and where organised fraud sits in the stream. Applications are then generated in fixed-size
 * chunks, each from its own seeded stream, so chunks can run in any order or in parallel workers and the
 * output is still byte-identical for a seed.
 */
import { createPhoneRegions } from '../core/phone-region.js';
import { DAY_MS, IsoFormatter, monthIndex, monthStart } from './calendar.js';
import { resolvePopulationConfig, type PopulationConfig, type PopulationOverrides } from './config.js';
import { padDigits } from './identity.js';
import { createRng, cumulative, splitmix32, type Rng } from './prng.js';
import * as ref from './reference.js';
import type { MacroFactors, RollBase } from './repayment.js';
import type { InstitutionRow, InstitutionType } from './types.js';

/** Applications per chunk: fixed, so the output never depends on how many workers ran. */
export const CHUNK_SIZE = 20_000;
/** Identifier counters reserved per chunk (phones, emails, cards); groups draw from the top of the space. */
export const COUNTER_STRIDE = 100_000;
export const COUNTER_SPACE = 100_000_000;
export const MAX_APPLICATIONS = 10_000_000;

export interface GroupPlan {
  kind: 'ring' | 'farm';
  /** Index among all groups (ring and farm ids are numbered separately). */
  index: number;
  id: string;
  size: number;
  openPosition: number;
}

export interface SlotPlan {
  group: GroupPlan;
  member: number;
}

const logit = (p: number): number => Math.log(p / (1 - p));

/** Institutions: ours first (`I000`), then the consortium members. Deterministic in the seed. */
export function generateInstitutions(config: PopulationConfig): InstitutionRow[] {
  const rng = createRng(config.seed ^ 0x51a7e);
  const types = Object.keys(config.institutions.typeWeights) as InstitutionType[];
  const cum = cumulative(types.map((t) => config.institutions.typeWeights[t]));
  const label: Record<InstitutionType, string> = {
    bank: 'Bank',
    'consumer-finance': 'Consumer Finance',
    microloan: 'Microcredit',
    'online-lender': 'Online Lending',
  };
  const rows: InstitutionRow[] = [
    { institutionId: 'I000', name: 'Riskloop Demo Consumer Finance', type: 'consumer-finance', self: true },
  ];
  for (let i = 1; i <= config.institutions.members; i++) {
    // Every type is represented at least once, the rest follow the weights.
    const type = i <= types.length ? types[i - 1]! : types[rng.weighted(cum)]!;
    const city = rng.pick(rng.pick(ref.provinces).cities).name;
    rows.push({
      institutionId: `I${padDigits(i, 3)}`,
      name: `${city} ${rng.pick(ref.employerWords.prefixes)} ${label[type]}`,
      type,
      self: false,
    });
  }
  return rows;
}

export class PopulationPlan {
  readonly config: PopulationConfig;
  readonly institutions: InstitutionRow[];
  readonly asOfMs: number;
  readonly monthStarts: number[];
  /** First position of each month (length months + 1; the last entry is the total). */
  readonly monthFirst: number[];
  readonly macro: MacroFactors;
  readonly rollBase: RollBase;
  readonly key: number;
  readonly cum: {
    province: Float64Array;
    hour: Float64Array;
    nightHour: Float64Array;
    term: Float64Array;
    terms: number[];
    purpose: Float64Array;
    model: Float64Array;
    emailDomain: Float64Array;
    surname: Float64Array;
  };
  /**
   * Mobile number blocks by province (libphonenumber's geocoding data, read on first use in each worker): a person's
   * number is issued where they got it, which the decision path reads back as the number's province.
   */
  private readonly regions = createPhoneRegions();
  private readonly blocks = new Map<string, Int32Array>();
  /** Organised-fraud members by position (a few % of positions). */
  readonly slots = new Map<number, SlotPlan>();
  readonly groups: GroupPlan[] = [];
  readonly chunks: number;

  constructor(overrides: PopulationOverrides = {}) {
    this.config = resolvePopulationConfig(overrides);
    const cfg = this.config;
    if (cfg.applications > MAX_APPLICATIONS) {
      throw new RangeError(`at most ${MAX_APPLICATIONS} applications per population`);
    }
    const rng = createRng(splitmix32(cfg.seed) ^ 0x706c616e);
    this.key = Math.floor(rng.next() * 0x7fffffff);
    this.institutions = generateInstitutions(cfg);
    this.monthStarts = Array.from({ length: cfg.months + 1 }, (_, m) => monthStart(cfg.startMonth, m));
    this.asOfMs = this.monthStarts[cfg.months]!;
    this.monthFirst = this.splitByMonth();
    this.chunks = Math.ceil(cfg.applications / CHUNK_SIZE);

    const startIdx = monthIndex(this.monthStarts[0]!);
    const phase = rng.next() * 2 * Math.PI;
    const miss = new Map<number, number>();
    const roll = new Map<number, number>();
    // Macro factors for every month a loan can live in (applications + longest term + tail).
    for (let m = -1; m < cfg.months + 40; m++) {
      const season = Math.sin((2 * Math.PI * m) / 12 + phase);
      miss.set(startIdx + m, cfg.risk.macroAmplitude * season + cfg.risk.macroNoise * rng.normal());
      roll.set(startIdx + m, cfg.rollRates.macroAmplitude * season + cfg.rollRates.macroNoise * rng.normal());
    }
    this.macro = { miss: (i) => miss.get(i) ?? 0, roll: (i) => roll.get(i) ?? 0 };
    const rr = cfg.rollRates;
    this.rollBase = { logits: [logit(rr.m1ToM2), logit(rr.m2ToM3), logit(rr.m3ToM4), logit(0.9)] };
    const terms = Object.keys(cfg.terms).map(Number);
    this.cum = {
      province: cumulative(ref.provinces.map((_, i) => (i + 1) ** -cfg.regionSkew)),
      hour: cumulative(cfg.hourWeights),
      nightHour: cumulative(cfg.hourWeights.map((w, h) => (h < 6 ? w * 4 : w))),
      term: cumulative(terms.map((t) => cfg.terms[t]!)),
      terms,
      purpose: cumulative(ref.purposes.map((p) => p[1])),
      model: cumulative(ref.deviceModels.map((d) => d.weight)),
      emailDomain: cumulative(ref.emailDomains.map((d) => d[1])),
      surname: cumulative(ref.surnames.map((_, i) => 1 / (i + 2))),
    };
    this.planGroups(rng);
  }

  /** The as-of date (YYYY-MM-DD): repayments and events after it are not revealed. */
  get asOf(): string {
    return new IsoFormatter().day(this.asOfMs);
  }

  /** Chunk's own random stream. */
  chunkRng(chunk: number): Rng {
    return createRng(splitmix32(this.config.seed) ^ splitmix32(0x10000 + chunk));
  }

  /** A group's own random stream (its shared identifiers are the same whichever chunk builds them). */
  groupRng(group: GroupPlan): Rng {
    return createRng(splitmix32(this.config.seed ^ 0x67726f75) ^ splitmix32(group.index + 1));
  }

  /** Day (epoch ms, midnight) of a position: each month's applications spread evenly over its days, in order. */
  dayOf(position: number): number {
    let m = 0;
    while (this.monthFirst[m + 1]! <= position) m++;
    const count = this.monthFirst[m + 1]! - this.monthFirst[m]!;
    const days = (this.monthStarts[m + 1]! - this.monthStarts[m]!) / DAY_MS;
    return this.monthStarts[m]! + Math.floor(((position - this.monthFirst[m]! + 0.5) / count) * days) * DAY_MS;
  }

  /** The seven-digit blocks of the three carriers (no virtual operator) issued in a province (by its id code). */
  phoneBlocks(provinceCode: string): Int32Array {
    let list = this.blocks.get(provinceCode);
    if (!list) {
      const carriers = new Set(ref.phonePrefixes.map(Number));
      list = this.regions.blocksOf(provinceCode).filter((b) => carriers.has(Math.floor(b / 10_000)));
      this.blocks.set(provinceCode, list);
    }
    return list;
  }

  private splitByMonth(): number[] {
    const cfg = this.config;
    const weights = this.monthStarts.slice(0, cfg.months).map((ms, i) => {
      const calendarMonth = ((monthIndex(ms) % 12) + 12) % 12;
      return cfg.seasonality[calendarMonth]! * (1 + 0.01 * i); // seasonality on a +1 %/month growth trend
    });
    const total = weights.reduce((a, b) => a + b, 0);
    const counts = weights.map((w) => Math.floor((cfg.applications * w) / total));
    let rest = cfg.applications - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; rest > 0; i = (i + 1) % counts.length, rest--) counts[i]!++;
    const first = [0];
    for (const c of counts) first.push(first[first.length - 1]! + c);
    return first;
  }

  /**
   * Opens rings and farms along the stream and books their members over a burst of days. Positions already
   * booked are skipped forward, so every group keeps its full size.
   */
  private planGroups(rng: Rng): void {
    const cfg = this.config;
    const f = cfg.fraud;
    const n = cfg.applications;
    const pareto = truncatedPareto(f.ringSize.min, f.ringSize.max, f.ringSize.exponent);
    const ringSizes = cumulative(pareto.weights);
    const pRing = (f.rate * f.mix.ring) / pareto.mean;
    const pFarm = (f.rate * f.mix['device-farm']) / ((f.farmAccounts.min + f.farmAccounts.max) / 2);
    const perDay = n / ((this.asOfMs - this.monthStarts[0]!) / DAY_MS);
    let rings = 0;
    let farms = 0;
    for (let pos = 0; pos < n; pos++) {
      const u = rng.next();
      if (u >= pRing + pFarm) continue;
      const ring = u < pRing;
      const size = ring ? f.ringSize.min + rng.weighted(ringSizes) : rng.int(f.farmAccounts.min, f.farmAccounts.max);
      const spanDays = ring ? f.ringSpanDays : f.farmSpanDays;
      const span = Math.max(2 * size, Math.round(rng.int(spanDays.min, spanDays.max) * perDay));
      if (this.slots.has(pos) || pos + span >= n) continue;
      const group: GroupPlan = {
        kind: ring ? 'ring' : 'farm',
        index: this.groups.length,
        id: ring ? `R${padDigits(++rings, 5)}` : `F${padDigits(++farms, 5)}`,
        size,
        openPosition: pos,
      };
      this.groups.push(group);
      this.slots.set(pos, { group, member: 0 });
      for (let k = 1; k < size; k++) {
        let p = pos + 1 + Math.floor(rng.next() * span);
        while (this.slots.has(p) && p < n - 1) p++;
        while (this.slots.has(p)) p--; // at the very end, search back (never reaches pos: span ≥ 2·size)
        this.slots.set(p, { group, member: k });
      }
    }
  }
}

/** Probability mass of sizes min..max proportional to size^-exponent, and its mean. */
export function truncatedPareto(min: number, max: number, exponent: number): { weights: number[]; mean: number } {
  const weights: number[] = [];
  let total = 0;
  let mean = 0;
  for (let s = min; s <= max; s++) {
    const w = s ** -exponent;
    weights.push(w);
    total += w;
    mean += w * s;
  }
  return { weights, mean: mean / total };
}
