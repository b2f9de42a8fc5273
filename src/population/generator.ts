/**
 * The population generator: one pass over the application stream, in time order, producing a bundle per
 * application (applicant and devices when first seen, the application, the loan and its repayments when funded,
 * consortium events, ground truth). All randomness comes from one seeded stream, so a seed and a config fix the
 * output exactly. Memory stays bounded: only recent applicants/devices (for repeats and households) and the
 * fraud groups currently open are kept.
 */
import { DAY_MS, IsoFormatter, monthIndex, monthStart, yearsBetween } from './calendar.js';
import { resolvePopulationConfig, type PopulationConfig, type PopulationOverrides } from './config.js';
import { consortiumHistory, type ConsortiumContext } from './consortium.js';
import { fnv1a, hex32, luhnCheckDigit, nationalIdCheck, padDigits, permuteDecimal } from './identity.js';
import { createRng, cumulative, type Rng } from './prng.js';
import * as ref from './reference.js';
import { buildSchedule, simulateLoan, type MacroFactors, type RollBase } from './repayment.js';
import { SlotHeap, truncatedPareto } from './schedule.js';
import type {
  ApplicantRow,
  ApplicationRow,
  DeviceRow,
  EmploymentStatus,
  FraudType,
  InstitutionRow,
  InstitutionType,
  LoanRow,
  PopulationBundle,
  RepaymentRow,
} from './types.js';

const RECENT_APPLICANTS = 5000;
const RECENT_DEVICES = 2000;

interface DeviceState {
  row: DeviceRow;
  emitted: boolean;
}

interface Person {
  row: ApplicantRow;
  birthDay: number;
  z: number;
  hunger: number;
  province: ref.Province;
  city: { code: string; name: string };
  addressLine: string;
  employer: string;
  card: string;
  device: DeviceState | undefined;
}

interface Ring {
  kind: 'ring';
  id: string;
  province: ref.Province;
  phones: string[];
  devices: DeviceState[];
  ipPrefixes: string[];
  contacts: Array<{ name: string; phone: string }>;
  employers: string[];
  addresses: string[];
}

interface Farm {
  kind: 'farm';
  id: string;
  /** One physical/emulated device behind every account, or many device ids cloned from one emulator image. */
  device: DeviceState | undefined;
  image: { hash: string; model: ref.DeviceModel };
  ipPrefixes: string[];
}

type Group = Ring | Farm;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
const round100 = (x: number): number => Math.round(x / 100) * 100;
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

export class PopulationGenerator {
  readonly config: PopulationConfig;
  readonly institutions: InstitutionRow[];
  private readonly rng: Rng;
  private readonly fmt = new IsoFormatter();
  private readonly key: number;
  private readonly asOfMs: number;
  private readonly monthCounts: number[];
  private readonly monthStarts: number[];
  private readonly macroMiss = new Map<number, number>();
  private readonly macroRoll = new Map<number, number>();
  private readonly macro: MacroFactors;
  private readonly rollBase: RollBase;
  private readonly consortium: ConsortiumContext;
  private readonly cum: {
    province: Float64Array;
    hour: Float64Array;
    nightHour: Float64Array;
    term: Float64Array;
    terms: number[];
    purpose: Float64Array;
    model: Float64Array;
    emailDomain: Float64Array;
    ringSize: Float64Array;
    surname: Float64Array;
  };
  private readonly ringSizeMean: number;
  private readonly issuedIds = new Set<number>();
  private readonly recentApplicants: Person[] = [];
  private readonly recentDevices: DeviceState[] = [];
  private readonly pending = new SlotHeap<Group>();
  private counters = {
    applicant: 0,
    application: 0,
    loan: 0,
    payment: 0,
    phone: 0,
    card: 0,
    email: 0,
    ring: 0,
    farm: 0,
  };
  private position = 0;

  constructor(overrides: PopulationOverrides = {}) {
    this.config = resolvePopulationConfig(overrides);
    const cfg = this.config;
    this.rng = createRng(cfg.seed);
    this.key = Math.floor(this.rng.next() * 0x7fffffff);
    this.institutions = generateInstitutions(cfg);
    this.monthStarts = Array.from({ length: cfg.months + 1 }, (_, m) => monthStart(cfg.startMonth, m));
    this.asOfMs = this.monthStarts[cfg.months]!;
    this.monthCounts = this.splitByMonth();
    const startIdx = monthIndex(this.monthStarts[0]!);
    const phase = this.rng.next() * 2 * Math.PI;
    // Macro factors for every month a loan can live in (applications + longest term + tail).
    for (let m = -1; m < cfg.months + 40; m++) {
      const season = Math.sin((2 * Math.PI * m) / 12 + phase);
      this.macroMiss.set(startIdx + m, cfg.risk.macroAmplitude * season + cfg.risk.macroNoise * this.rng.normal());
      this.macroRoll.set(
        startIdx + m,
        cfg.rollRates.macroAmplitude * season + cfg.rollRates.macroNoise * this.rng.normal(),
      );
    }
    this.macro = { miss: (i) => this.macroMiss.get(i) ?? 0, roll: (i) => this.macroRoll.get(i) ?? 0 };
    const rr = cfg.rollRates;
    this.rollBase = { logits: [logit(rr.m1ToM2), logit(rr.m2ToM3), logit(rr.m3ToM4), logit(0.9)] };
    const terms = Object.keys(cfg.terms).map(Number);
    const pareto = truncatedPareto(cfg.fraud.ringSize.min, cfg.fraud.ringSize.max, cfg.fraud.ringSize.exponent);
    this.ringSizeMean = pareto.mean;
    this.cum = {
      province: cumulative(ref.provinces.map((_, i) => (i + 1) ** -cfg.regionSkew)),
      hour: cumulative(cfg.hourWeights),
      nightHour: cumulative(cfg.hourWeights.map((w, h) => (h < 6 ? w * 4 : w))),
      term: cumulative(terms.map((t) => cfg.terms[t]!)),
      terms,
      purpose: cumulative(ref.purposes.map((p) => p[1])),
      model: cumulative(ref.deviceModels.map((d) => d.weight)),
      emailDomain: cumulative(ref.emailDomains.map((d) => d[1])),
      ringSize: cumulative(pareto.weights),
      surname: cumulative(ref.surnames.map((_, i) => 1 / (i + 2))),
    };
    this.consortium = {
      institutions: this.institutions.filter((i) => !i.self),
      asOfMs: this.asOfMs,
      fmt: this.fmt,
      multiLender: cfg.multiLender,
      nextEventId: (() => {
        let n = 0;
        return () => `E${padDigits(++n, 9)}`;
      })(),
    };
  }

  /** The as-of date: repayments and events after it are not revealed. */
  get asOf(): string {
    return this.fmt.day(this.asOfMs);
  }

  *bundles(): Generator<PopulationBundle> {
    const cfg = this.config;
    let m = 0;
    let inMonth = 0;
    for (this.position = 0; this.position < cfg.applications; this.position++) {
      while (inMonth >= this.monthCounts[m]!) {
        m++;
        inMonth = 0;
      }
      // Spread the month's applications evenly over its days, in order; the hour follows the daily profile.
      const span = this.monthStarts[m + 1]! - this.monthStarts[m]!;
      const dayMs =
        this.monthStarts[m]! + Math.floor(((inMonth + 0.5) / this.monthCounts[m]!) * (span / DAY_MS)) * DAY_MS;
      inMonth++;
      yield this.oneApplication(dayMs);
    }
  }

  private splitByMonth(): number[] {
    const cfg = this.config;
    const weights = this.monthStarts.slice(0, cfg.months).map((ms) => {
      const days = new Date(ms).getUTCMonth();
      return cfg.seasonality[days]! * (1 + (0.01 * (ms - this.monthStarts[0]!)) / (30 * DAY_MS)); // +1 %/month growth
    });
    const total = weights.reduce((a, b) => a + b, 0);
    const counts = weights.map((w) => Math.floor((cfg.applications * w) / total));
    let rest = cfg.applications - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; rest > 0; i = (i + 1) % counts.length, rest--) counts[i]!++;
    return counts;
  }

  private positionsPerDay(): number {
    return this.config.applications / ((this.asOfMs - this.monthStarts[0]!) / DAY_MS);
  }

  /** Decides whether this position belongs to organised fraud (scheduled or newly opened), else draws a type. */
  private drawFraud(): { type: FraudType; group?: Group } {
    const cfg = this.config;
    const n = cfg.applications;
    const top = this.pending.peek();
    if (top && (top.position <= this.position || this.pending.size >= n - this.position)) {
      const slot = this.pending.pop()!;
      return { type: slot.group.kind === 'ring' ? 'ring' : 'device-farm', group: slot.group };
    }
    const f = cfg.fraud;
    const u = this.rng.next();
    let acc = f.rate * f.mix['first-party'];
    if (u < acc) return { type: 'first-party' };
    acc += f.rate * f.mix['identity-theft'];
    if (u < acc) return { type: 'identity-theft' };
    acc += (f.rate * f.mix.ring) / this.ringSizeMean;
    if (u < acc) {
      const size = f.ringSize.min + this.rng.weighted(this.cum.ringSize);
      const group = this.openRing(size);
      if (this.schedule(group, size, f.ringSpanDays)) return { type: 'ring', group };
      return { type: 'none' };
    }
    acc += (f.rate * f.mix['device-farm']) / ((f.farmAccounts.min + f.farmAccounts.max) / 2);
    if (u < acc) {
      const size = this.rng.int(f.farmAccounts.min, f.farmAccounts.max);
      const group = this.openFarm();
      if (this.schedule(group, size, f.farmSpanDays)) return { type: 'device-farm', group };
    }
    return { type: 'none' };
  }

  /** Books size-1 further members of a group over its burst; false when the stream ends too soon for it. */
  private schedule(group: Group, size: number, spanDays: { min: number; max: number }): boolean {
    const span = Math.max(size, Math.round(this.rng.int(spanDays.min, spanDays.max) * this.positionsPerDay()));
    if (this.position + span >= this.config.applications) return false;
    for (let k = 1; k < size; k++) {
      this.pending.push({ position: this.position + 1 + Math.floor(this.rng.next() * span), group });
    }
    return true;
  }

  private openRing(size: number): Ring {
    const rng = this.rng;
    const province = this.drawProvince();
    const city = rng.pick(province.cities);
    return {
      kind: 'ring',
      id: `R${padDigits(++this.counters.ring, 5)}`,
      province,
      phones: Array.from({ length: Math.max(1, Math.round(size / 4)) }, () => this.phone(true)),
      devices: Array.from({ length: Math.max(1, Math.round(size / 5)) }, () => this.newDevice(0, rng.chance(0.3))),
      ipPrefixes: Array.from({ length: rng.int(1, 3) }, () => this.ipPrefix(province, rng.chance(0.5))),
      contacts: Array.from({ length: Math.max(2, Math.round(size / 3)) }, () => ({
        name: this.fullName(),
        phone: this.phone(false),
      })),
      employers: Array.from({ length: rng.int(1, 2) }, () => this.employer()),
      addresses: Array.from({ length: rng.int(1, 3) }, () => this.addressLine(city.name)),
    };
  }

  private openFarm(): Farm {
    const rng = this.rng;
    const model = rng.pick(ref.emulatorModels);
    const image = { hash: hex32(rng.next() * 0x100000000) + hex32(rng.next() * 0x100000000), model };
    const farm: Farm = {
      kind: 'farm',
      id: `F${padDigits(++this.counters.farm, 5)}`,
      device: undefined,
      image,
      ipPrefixes: Array.from({ length: rng.int(1, 2) }, () => this.ipPrefix(this.drawProvince(), true)),
    };
    if (rng.chance(0.5)) farm.device = this.farmDevice(farm);
    return farm;
  }

  private farmDevice(farm: Farm): DeviceState {
    const rng = this.rng;
    return {
      row: {
        deviceId: this.deviceId(),
        platform: farm.image.model.platform,
        manufacturer: farm.image.model.manufacturer,
        model: farm.image.model.model,
        osVersion: farm.image.model.osVersions[0]!,
        imageHash: farm.image.hash,
        emulator: rng.chance(0.85),
        rooted: rng.chance(0.6),
        firstSeenAt: '',
      },
      emitted: false,
    };
  }

  private oneApplication(dayMs: number): PopulationBundle {
    const cfg = this.config;
    const rng = this.rng;
    const { type, group } = this.drawFraud();
    const ring = group?.kind === 'ring' ? group : undefined;
    const farm = group?.kind === 'farm' ? group : undefined;
    const organised = type === 'ring' || type === 'device-farm' || type === 'identity-theft';
    const hourCum = type === 'none' || type === 'first-party' ? this.cum.hour : this.cum.nightHour;
    const submittedMs = dayMs + rng.weighted(hourCum) * 3_600_000 + rng.int(0, 3599) * 1000;
    const submittedAt = this.fmt.timestamp(submittedMs);

    // Who applies.
    let person: Person;
    let newApplicant = true;
    let stolenFromCustomer = false;
    if (type === 'none' && this.recentApplicants.length > 0 && rng.chance(cfg.repeatApplicantShare)) {
      person = rng.pick(this.recentApplicants);
      newApplicant = false;
    } else if (type === 'identity-theft' && this.recentApplicants.length > 0 && rng.chance(0.3)) {
      // The stolen identity belongs to an existing customer: same national id, everything else the fraudster's.
      const victim = rng.pick(this.recentApplicants);
      person = {
        ...victim,
        z: rng.normal(),
        hunger: 2,
        addressLine: this.addressLine(victim.city.name),
        card: this.card(),
        device: undefined,
      };
      newApplicant = false;
      stolenFromCustomer = true;
    } else {
      const z =
        type === 'none' || type === 'identity-theft'
          ? rng.normal()
          : type === 'first-party'
            ? 0.8 + rng.normal()
            : 0.5 + rng.normal();
      const hunger =
        type === 'first-party' ? 1.5 + rng.normal() * 0.5 : type === 'none' ? rng.normal() : 1 + rng.normal();
      person = this.newPerson(
        submittedMs,
        z,
        hunger,
        ring?.province,
        type === 'device-farm' || type === 'identity-theft',
      );
    }
    const z = person.z;

    // Observable profile, driven by the latent risk z.
    const age = yearsBetween(person.birthDay, Math.floor(submittedMs / DAY_MS));
    const employment = this.employment(z, age);
    const rho = cfg.income.latentLoading;
    let income = cfg.income.median * Math.exp(cfg.income.logSd * (-rho * z + Math.sqrt(1 - rho * rho) * rng.normal()));
    if (employment === 'student') income *= 0.35;
    if (employment === 'unemployed' || employment === 'retired') income *= 0.6;
    if (type === 'identity-theft' || type === 'device-farm') income *= 1.4; // inflated declarations
    const declaredIncome = Math.max(800, round100(income));
    const obligationsRatio = clamp(0.12 + 0.08 * z + 0.05 * person.hunger + 0.1 * rng.normal(), 0, 0.9);
    const declaredObligations = round100(declaredIncome * obligationsRatio);
    const term = this.cum.terms[rng.weighted(this.cum.term)]!;
    const amount = clamp(
      round100(
        declaredIncome *
          Math.exp(Math.log(cfg.amount.amountToIncome) + 0.15 * z + 0.1 * person.hunger + 0.6 * rng.normal()),
      ),
      cfg.amount.min,
      cfg.amount.max,
    );
    const monthsInJob =
      employment === 'employed' || employment === 'self-employed'
        ? Math.min((age - 16) * 12, Math.round(Math.exp(Math.log(18 + (age - 18) * 2) - 0.25 * z + 0.8 * rng.normal())))
        : 0;
    const eduScore = 1.6 - 0.35 * z + 0.9 * rng.normal();
    const education = ref.educationLevels[clamp(Math.round(eduScore), 0, 4)]!;
    const maritalStatus =
      age < 25
        ? rng.chance(0.85)
          ? 'single'
          : 'married'
        : rng.chance(0.62 - 0.05 * z)
          ? 'married'
          : rng.pick(ref.maritalStatuses);
    const phoneTenureMonths =
      type === 'none' || type === 'first-party'
        ? Math.min((age - 14) * 12, Math.round(Math.exp(Math.log(48) - 0.25 * z + 0.9 * rng.normal())))
        : Math.round(Math.exp(Math.log(3) + rng.normal()));

    // Identifiers used on this application: shared from the group where it applies.
    let phone = person.row.phone;
    let email = person.row.email;
    let employer = person.employer;
    let addressLine = person.addressLine;
    let contact = { name: this.fullName(), phone: this.phone(false) };
    let ipPrefix = this.ipPrefix(rng.chance(0.9) ? person.province : this.drawProvince(), false);
    let device: DeviceState;
    const flags = organised ? cfg.devices.fraud : cfg.devices.legit;
    const riskTilt = organised ? 1 : 1 + 0.4 * Math.max(0, z);
    let proxy = rng.chance(flags.proxy * riskTilt);
    if (ring) {
      const s = cfg.fraud.ringSharing;
      const shared = {
        phone: rng.chance(s.phone),
        device: rng.chance(s.device),
        ip: rng.chance(s.ipRange),
        contact: rng.chance(s.contact),
      };
      if (!shared.phone && !shared.device && !shared.ip && !shared.contact)
        shared[rng.chance(0.5) ? 'device' : 'contact'] = true;
      if (shared.phone) phone = rng.pick(ring.phones);
      device = shared.device ? rng.pick(ring.devices) : this.newDevice(z, true);
      if (shared.ip) ipPrefix = rng.pick(ring.ipPrefixes);
      if (shared.contact) contact = rng.pick(ring.contacts);
      if (rng.chance(s.employer)) employer = rng.pick(ring.employers);
      if (rng.chance(s.address)) {
        const line = rng.pick(ring.addresses);
        // Same building, often a different unit: a partial overlap, as real rings leave.
        addressLine = rng.chance(0.6) ? line : line.replace(/Unit \d+/, `Unit ${rng.int(101, 2808)}`);
      }
    } else if (farm) {
      device = farm.device ?? this.farmDevice(farm);
      ipPrefix = rng.pick(farm.ipPrefixes);
      proxy = rng.chance(0.8);
    } else if (!newApplicant && !stolenFromCustomer && person.device && rng.chance(0.7)) {
      device = person.device;
      if (rng.chance(0.1)) phone = this.phone(false); // changed number
    } else if (type === 'none' && this.recentDevices.length > 0 && rng.chance(cfg.devices.householdSharing)) {
      device = rng.pick(this.recentDevices);
    } else {
      device = this.newDevice(z, organised);
    }
    if (stolenFromCustomer) {
      phone = this.phone(true);
      email = this.email(person.row.name, true);
    }
    if (type === 'none') {
      person.device = device;
      if (this.recentDevices.length < RECENT_DEVICES) this.recentDevices.push(device);
      else this.recentDevices[rng.int(0, RECENT_DEVICES - 1)] = device;
    }
    if (proxy) ipPrefix = this.ipPrefix(person.province, true);
    const ip = `${ipPrefix}.${rng.int(2, 254)}`;
    const devices: DeviceRow[] = [];
    if (!device.emitted) {
      device.emitted = true;
      device.row.firstSeenAt = submittedAt;
      devices.push(device.row);
    }

    // Multi-lender history (also the consortium events) — needed by both the policy and the outcome.
    const history = consortiumHistory(this.consortium, rng, {
      fraudType: type,
      z,
      hunger: person.hunger,
      submittedMs,
      nationalId: person.row.nationalId,
      phone,
      emitBefore: newApplicant || stolenFromCustomer,
    });
    const ml6 = history.applications6m;

    // Incumbent policy: sees only observables.
    const policyLogit =
      cfg.approval.intercept -
      0.55 * Math.log1p(ml6) +
      0.5 * Math.log(declaredIncome / cfg.income.median) -
      1.5 * (device.row.emulator ? 1 : 0) -
      0.6 * (proxy ? 1 : 0) -
      0.5 * (device.row.rooted ? 1 : 0) -
      0.5 * (phoneTenureMonths < 6 ? 1 : 0) -
      0.6 * (employment === 'unemployed' ? 1 : 0) -
      0.8 * Math.max(0, amount / (12 * declaredIncome) - 0.4) +
      0.25 * (eduScore > 2.5 ? 1 : 0);
    const approved = rng.next() < sigmoid(policyLogit);
    const decidedMs = submittedMs + rng.int(5, 600) * 1000;

    // Outcome (simulated for every application; only funded ones reveal it).
    const apr = clamp(Math.round((0.1 + 0.2 * sigmoid(-policyLogit)) * 200) / 200, 0.08, 0.36);
    const disbursedMs = decidedMs + rng.int(600, 86_400) * 1000;
    const schedule = buildSchedule(amount, apr, term, disbursedMs);
    const neverPays = type !== 'none' && rng.chance(cfg.fraud.firstPaymentDefault[type]);
    const zEff = type === 'none' ? z : Math.max(z, 1);
    const r = cfg.risk;
    const path = simulateLoan(
      schedule,
      {
        missLogit:
          r.missIntercept +
          r.latentWeight * zEff +
          r.multiLenderWeight * Math.log1p(ml6) +
          r.burdenWeight * (amount / (12 * declaredIncome) - 0.2),
        rollShift: cfg.rollRates.latentWeight * zEff,
        cure: clamp(cfg.rollRates.cure * Math.exp(-0.3 * zEff), 0.02, 0.9),
        neverPays,
      },
      this.rollBase,
      this.macro,
      rng,
    );
    const consortiumEvents = history.events(path.defaultMs);

    const applicationId = `A${padDigits(++this.counters.application, 9)}`;
    const application: ApplicationRow = {
      applicationId,
      applicantId: person.row.applicantId,
      institutionId: 'I000',
      submittedAt,
      channel: rng.chance(organised ? 0.35 : 0.12)
        ? 'affiliate'
        : rng.chance(0.75)
          ? 'app'
          : rng.chance(0.6)
            ? 'web'
            : 'partner',
      product: term <= 6 ? 'cash-loan' : 'installment-loan',
      amount,
      term,
      purpose: ref.purposes[rng.weighted(this.cum.purpose)]![0],
      declaredIncome,
      declaredObligations,
      nationalId: person.row.nationalId,
      name: person.row.name,
      dateOfBirth: person.row.dateOfBirth,
      age,
      phone,
      phoneTenureMonths,
      email,
      bankCard: person.card,
      addressProvince: person.province.name,
      addressCity: person.city.name,
      addressLine,
      employmentStatus: employment,
      employer: employment === 'employed' || employment === 'self-employed' ? employer : '',
      monthsInJob,
      education,
      maritalStatus,
      contactName: contact.name,
      contactPhone: contact.phone,
      contactRelation: rng.pick(ref.contactRelations),
      deviceId: device.row.deviceId,
      platform: device.row.platform,
      osVersion: device.row.osVersion,
      model: device.row.model,
      emulator: device.row.emulator,
      rooted: device.row.rooted,
      proxy,
      ip,
      decision: approved ? 'approve' : 'decline',
      decidedAt: this.fmt.timestamp(decidedMs),
    };

    let loan: LoanRow | undefined;
    const repayments: RepaymentRow[] = [];
    if (approved) {
      const loanId = `L${padDigits(++this.counters.loan, 9)}`;
      let oldestUnpaidDue = Number.NaN;
      let maxDpd = 0;
      let allPaid = true;
      for (const inst of path.installments) {
        const paidKnown = !Number.isNaN(inst.paidMs) && inst.paidMs <= this.asOfMs;
        const due = inst.dueMs <= this.asOfMs;
        const lateDays = paidKnown ? Math.max(0, Math.floor((inst.paidMs - inst.dueMs) / DAY_MS)) : 0;
        const overdueDays = !paidKnown && due ? Math.floor((this.asOfMs - inst.dueMs) / DAY_MS) : 0;
        if (!paidKnown) allPaid = false;
        if (!paidKnown && due && Number.isNaN(oldestUnpaidDue)) oldestUnpaidDue = inst.dueMs;
        maxDpd = Math.max(maxDpd, lateDays, overdueDays);
        repayments.push({
          loanId,
          installmentNumber: inst.number,
          dueDate: this.fmt.day(inst.dueMs),
          principalDue: inst.principalDue,
          interestDue: inst.interestDue,
          eventId: paidKnown ? `P${padDigits(++this.counters.payment, 10)}` : '',
          paidAt: paidKnown ? this.fmt.timestamp(inst.paidMs) : '',
          paidAmount: paidKnown ? Math.round((inst.principalDue + inst.interestDue) * 100) / 100 : 0,
          dpd: paidKnown ? lateDays : overdueDays,
          bucket: inst.dueMs + 30 * DAY_MS <= this.asOfMs ? inst.bucket : null,
          status: paidKnown ? (lateDays > 0 ? 'paid-late' : 'paid') : due ? 'overdue' : 'scheduled',
        });
      }
      const dpdAsOf = Number.isNaN(oldestUnpaidDue) ? 0 : Math.floor((this.asOfMs - oldestUnpaidDue) / DAY_MS);
      loan = {
        loanId,
        applicationId,
        applicantId: person.row.applicantId,
        product: application.product,
        principal: amount,
        termMonths: term,
        apr,
        installmentAmount: path.installments[0]!.principalDue + path.installments[0]!.interestDue,
        disbursedAt: this.fmt.timestamp(disbursedMs),
        status: allPaid ? 'paid-off' : dpdAsOf >= 180 ? 'written-off' : 'active',
        dpdAsOf,
        maxDpd,
      };
      loan.installmentAmount = Math.round(loan.installmentAmount * 100) / 100;
    }

    if (newApplicant && type === 'none') this.remember(person);
    return {
      applicant: newApplicant ? person.row : undefined,
      devices,
      application,
      loan,
      repayments,
      consortiumEvents,
      truth: {
        applicationId,
        applicantId: person.row.applicantId,
        fraudType: type,
        ringId: ring ? ring.id : '',
        farmId: farm ? farm.id : '',
        latentRisk: Math.round(z * 1000) / 1000,
        funded: approved,
        defaulted: path.defaulted,
        firstPaymentDefault: path.firstPaymentDefault,
      },
    };
  }

  private remember(person: Person): void {
    if (this.recentApplicants.length < RECENT_APPLICANTS) this.recentApplicants.push(person);
    else this.recentApplicants[this.rng.int(0, RECENT_APPLICANTS - 1)] = person;
  }

  private drawProvince(): ref.Province {
    return ref.provinces[this.rng.weighted(this.cum.province)]!;
  }

  private newPerson(
    atMs: number,
    z: number,
    hunger: number,
    province: ref.Province | undefined,
    synthetic: boolean,
  ): Person {
    const rng = this.rng;
    const cfg = this.config;
    const idProvince = province ?? this.drawProvince();
    const city = rng.pick(idProvince.cities);
    // Most people live where their id was issued; migrants live in the big coastal provinces.
    const liveProvince = rng.chance(0.78) ? idProvince : ref.provinces[rng.int(0, 3)]!;
    const liveCity = liveProvince === idProvince ? city : rng.pick(liveProvince.cities);
    const ageYears = clamp(
      cfg.age.min + Math.exp(cfg.age.logMean + cfg.age.logSd * rng.normal() - 0.1 * z - (synthetic ? 0.3 : 0)),
      cfg.age.min,
      cfg.age.max + 0.99,
    );
    const birthMs = atMs - Math.floor(ageYears * 365.25 * DAY_MS);
    const birthDay = Math.floor(birthMs / DAY_MS);
    const gender = rng.chance(0.52) ? 'M' : 'F';
    const county = `${city.code}${padDigits(rng.int(1, 12), 2)}`;
    let seq = 0;
    for (let attempt = 0; ; attempt++) {
      seq = rng.int(0, 499) * 2 + (gender === 'M' ? 1 : 0);
      const key = (Number(county) * 100_000 + (birthDay + 40_000)) * 1000 + seq;
      if (!this.issuedIds.has(key) || attempt > 50) {
        this.issuedIds.add(key);
        break;
      }
    }
    const birth = this.fmt.day(birthDay * DAY_MS);
    const first17 = `${county}${birth.replaceAll('-', '')}${padDigits(seq, 3)}`;
    const name = this.fullName();
    const applicantId = `C${padDigits(++this.counters.applicant, 9)}`;
    return {
      row: {
        applicantId,
        nationalId: first17 + nationalIdCheck(first17),
        name,
        gender,
        dateOfBirth: birth,
        idRegionCode: county,
        phone: this.phone(synthetic && rng.chance(0.5)),
        email: this.email(name, synthetic),
        firstSeenAt: this.fmt.timestamp(atMs),
      },
      birthDay,
      z,
      hunger,
      province: liveProvince,
      city: liveCity,
      addressLine: this.addressLine(liveCity.name),
      employer: this.employer(),
      card: this.card(),
      device: undefined,
    };
  }

  private employment(z: number, age: number): EmploymentStatus {
    const w = this.config.employment;
    const tilt: Record<EmploymentStatus, number> = {
      employed: -0.25,
      'self-employed': 0.1,
      other: 0.3,
      student: 0.2,
      retired: 0,
      unemployed: 0.7,
    };
    const statuses = Object.keys(w) as EmploymentStatus[];
    let total = 0;
    const weights = statuses.map((s) => {
      const allowed = (s !== 'student' || age < 27) && (s !== 'retired' || age >= 50);
      const v = allowed ? w[s] * Math.exp(tilt[s] * z) : 0;
      total += v;
      return v;
    });
    let u = this.rng.next() * total;
    for (let i = 0; i < statuses.length; i++) {
      u -= weights[i]!;
      if (u < 0) return statuses[i]!;
    }
    return 'employed';
  }

  private fullName(): string {
    const rng = this.rng;
    const given = rng.pick(ref.givenSyllables);
    const second = rng.chance(0.6) ? rng.pick(ref.givenSyllables) : '';
    const g = given[0]!.toUpperCase() + given.slice(1) + second;
    return `${ref.surnames[rng.weighted(this.cum.surname)]!} ${g}`;
  }

  /** A never-issued-before mobile number: prefix + permuted counter (unique by construction). */
  private phone(virtualOperator: boolean): string {
    const prefix =
      virtualOperator && this.rng.chance(0.6) ? this.rng.pick(ref.virtualPrefixes) : this.rng.pick(ref.phonePrefixes);
    return prefix + padDigits(permuteDecimal(++this.counters.phone, 4, this.key), 8);
  }

  private email(name: string, disposableLikely: boolean): string {
    const rng = this.rng;
    const n = permuteDecimal(++this.counters.email, 4, this.key ^ 0x5bd1e995);
    const local = rng.chance(0.4) ? String(10_000_000 + n) : `${name.toLowerCase().replace(' ', '.')}${n % 100_000}`;
    const domain = rng.chance(disposableLikely ? 0.3 : 0.01)
      ? rng.pick(ref.disposableDomains)
      : ref.emailDomains[rng.weighted(this.cum.emailDomain)]![0];
    return `${local}@${domain}`;
  }

  private card(): string {
    const body =
      this.rng.pick(ref.cardBins) + padDigits(permuteDecimal(++this.counters.card, 5, this.key ^ 0x27d4eb2d) % 1e9, 9);
    return body + luhnCheckDigit(body);
  }

  private deviceId(): string {
    return hex32(this.rng.next() * 0x100000000) + hex32(this.rng.next() * 0x100000000);
  }

  private newDevice(z: number, fraud: boolean): DeviceState {
    const rng = this.rng;
    const flags = fraud ? this.config.devices.fraud : this.config.devices.legit;
    const tilt = fraud ? 1 : 1 + 0.4 * Math.max(0, z);
    const emulator = rng.chance(flags.emulator * tilt);
    const model = emulator ? rng.pick(ref.emulatorModels) : ref.deviceModels[rng.weighted(this.cum.model)]!;
    const osVersion = rng.pick(model.osVersions);
    return {
      row: {
        deviceId: this.deviceId(),
        platform: model.platform,
        manufacturer: model.manufacturer,
        model: model.model,
        osVersion,
        // Genuine phones of one model/firmware share a system image; emulator products ship one image too.
        imageHash: hex32(fnv1a(`${model.model}/${osVersion}`)) + hex32(fnv1a(`${osVersion}/${model.manufacturer}`)),
        emulator,
        rooted: model.platform === 'android' && rng.chance(flags.rooted * tilt),
        firstSeenAt: '',
      },
      emitted: false,
    };
  }

  private ipPrefix(province: ref.Province, datacenter: boolean): string {
    const rng = this.rng;
    const first = datacenter ? rng.pick(ref.datacenterOctets) : rng.pick(province.ipOctets);
    return `${first}.${rng.int(0, 255)}.${rng.int(0, 255)}`;
  }

  private employer(): string {
    const w = ref.employerWords;
    const rng = this.rng;
    return `${rng.pick(w.prefixes)} ${rng.pick(w.kinds)} ${rng.pick(w.suffixes)} No.${rng.int(1, 400)}`;
  }

  private addressLine(city: string): string {
    const rng = this.rng;
    return `${rng.int(1, 999)} ${rng.pick(ref.streetWords)} Rd, Bldg ${rng.int(1, 40)}, Unit ${rng.int(101, 2808)}, ${city}`;
  }
}

/** The population as an async iterator of bundles (yields to the event loop every 500 applications). */
export async function* generatePopulation(overrides: PopulationOverrides = {}): AsyncGenerator<PopulationBundle> {
  const gen = new PopulationGenerator(overrides);
  let n = 0;
  for (const bundle of gen.bundles()) {
    yield bundle;
    if (++n % 500 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
