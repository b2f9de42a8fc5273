/**
 * The population generator: a pass over one chunk of the application stream, in time order, producing a bundle
 * per application (applicant and devices when first seen, the application, the loan and its repayments when
 * funded, consortium events, ground truth). Each chunk draws from its own seeded stream and the global plan
 * (plan.ts), so a seed and a config fix the output exactly whatever order chunks run in. Memory stays bounded:
 * only recent applicants/devices (for repeats and households) and the fraud groups met in the chunk are kept.
 */
import { DAY_MS, IsoFormatter, yearsBetween } from './calendar.js';
import type { PopulationOverrides } from './config.js';
import { consortiumHistory, type ConsortiumContext } from './consortium.js';
import { fnv1a, hex32, luhnCheckDigit, nationalIdCheck, padDigits, permuteDecimal } from './identity.js';
import { CHUNK_SIZE, COUNTER_SPACE, COUNTER_STRIDE, PopulationPlan, type GroupPlan } from './plan.js';
import { splitmix32, type Rng } from './prng.js';
import * as ref from './reference.js';
import { ringLinks, type DeviceState, type Farm, type Group, type Ring } from './groups.js';
import { buildSchedule, simulateLoan } from './repayment.js';
import type {
  ApplicantRow,
  ApplicationRow,
  DeviceRow,
  EmploymentStatus,
  FraudType,
  LoanRow,
  PopulationBundle,
  RepaymentRow,
} from './types.js';

const RECENT_APPLICANTS = 5000;
const RECENT_DEVICES = 2000;
const CHUNK = CHUNK_SIZE;
/** County suffixes (30) × sequence numbers per gender (500). */
const ID_COMBINATIONS = 30 * 500;

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

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
const round100 = (x: number): number => Math.round(x / 100) * 100;

/** Generates the applications of one chunk. */
export class ChunkGenerator {
  private readonly cfg: PopulationPlan['config'];
  private readonly rng: Rng;
  private readonly fmt = new IsoFormatter();
  private readonly consortium: ConsortiumContext;
  private readonly issuedIds = new Set<number>();
  private readonly recentApplicants: Person[] = [];
  private readonly recentDevices: DeviceState[] = [];
  private readonly groups = new Map<number, Group>();
  private readonly counters: { phone: number; email: number; card: number };
  private position = 0;

  constructor(
    private readonly plan: PopulationPlan,
    readonly chunk: number,
  ) {
    this.cfg = plan.config;
    this.rng = plan.chunkRng(chunk);
    const base = chunk * COUNTER_STRIDE;
    this.counters = { phone: base, email: base, card: base };
    this.consortium = {
      institutions: plan.institutions.filter((i) => !i.self),
      asOfMs: plan.asOfMs,
      fmt: this.fmt,
      multiLender: this.cfg.multiLender,
    };
  }

  *bundles(): Generator<PopulationBundle> {
    const from = this.chunk * CHUNK;
    const to = Math.min(this.cfg.applications, from + CHUNK);
    for (this.position = from; this.position < to; this.position++) {
      yield this.oneApplication(this.plan.dayOf(this.position));
    }
  }

  /** Organised fraud comes from the plan; first-party and identity theft are drawn here. */
  private drawFraud(): { type: FraudType; group?: Group; member: number } {
    const slot = this.plan.slots.get(this.position);
    if (slot) {
      const group = this.group(slot.group);
      return { type: group.kind === 'ring' ? 'ring' : 'device-farm', group, member: slot.member };
    }
    const f = this.cfg.fraud;
    const u = this.rng.next();
    if (u < f.rate * f.mix['first-party']) return { type: 'first-party', member: 0 };
    if (u < f.rate * (f.mix['first-party'] + f.mix['identity-theft'])) return { type: 'identity-theft', member: 0 };
    return { type: 'none', member: 0 };
  }

  /** A group's shared identifiers, rebuilt from its own stream and counters in whichever chunk needs them. */
  private group(plan: GroupPlan): Group {
    let g = this.groups.get(plan.index);
    if (!g) {
      g = plan.kind === 'ring' ? this.openRing(plan) : this.openFarm(plan);
      this.groups.set(plan.index, g);
    }
    return g;
  }

  private openRing(plan: GroupPlan): Ring {
    const rng = this.plan.groupRng(plan);
    const size = plan.size;
    // Group identifiers are numbered from the top of the counter space, 80 per group.
    let counter = COUNTER_SPACE - 1 - plan.index * 80;
    const province = this.drawProvince(rng);
    // bought where the ring operates (its members' ids are from there too)
    const phone = () => this.phone(rng, true, counter--, province);
    const city = rng.pick(province.cities);
    return {
      kind: 'ring',
      id: plan.id,
      memberSeed: splitmix32(this.cfg.seed ^ 0x6d656d62) ^ splitmix32(plan.index + 1),
      province,
      phones: Array.from({ length: Math.max(1, Math.round(size / 4)) }, phone),
      devices: Array.from({ length: Math.max(1, Math.round(size / 5)) }, () => this.newDevice(rng, 0, rng.chance(0.3))),
      ipPrefixes: Array.from({ length: rng.int(1, 3) }, () => this.ipPrefix(rng, province, rng.chance(0.5))),
      contacts: Array.from({ length: Math.max(2, Math.round(size / 3)) }, () => ({
        name: this.fullName(rng),
        phone: this.phone(rng, false, counter--),
      })),
      employers: Array.from({ length: rng.int(1, 2) }, () => this.employer(rng)),
      addresses: Array.from({ length: rng.int(1, 3) }, () => this.addressLine(rng, city.name)),
    };
  }

  private openFarm(plan: GroupPlan): Farm {
    const rng = this.plan.groupRng(plan);
    const model = rng.pick(ref.emulatorModels);
    const image = { hash: hex32(rng.next() * 0x100000000) + hex32(rng.next() * 0x100000000), model };
    const farm: Farm = {
      kind: 'farm',
      id: plan.id,
      device: undefined,
      image,
      ipPrefixes: Array.from({ length: rng.int(1, 2) }, () => this.ipPrefix(rng, this.drawProvince(rng), true)),
    };
    if (rng.chance(0.5)) farm.device = this.farmDevice(farm, rng);
    return farm;
  }

  private farmDevice(farm: Farm, rng: Rng): DeviceState {
    return {
      row: {
        deviceId: this.deviceId(rng),
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
    const cfg = this.cfg;
    const rng = this.rng;
    const { type, group, member } = this.drawFraud();
    const ring = group?.kind === 'ring' ? group : undefined;
    const farm = group?.kind === 'farm' ? group : undefined;
    const organised = type === 'ring' || type === 'device-farm' || type === 'identity-theft';
    const hourCum = type === 'none' || type === 'first-party' ? this.plan.cum.hour : this.plan.cum.nightHour;
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
        addressLine: this.addressLine(rng, victim.city.name),
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
    const term = this.plan.cum.terms[rng.weighted(this.plan.cum.term)]!;
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
    let contact = { name: this.fullName(rng), phone: this.phone(rng, false) };
    let ipPrefix = this.ipPrefix(rng, rng.chance(0.9) ? person.province : this.drawProvince(rng), false);
    let device: DeviceState;
    const flags = organised ? cfg.devices.fraud : cfg.devices.legit;
    const riskTilt = organised ? 1 : 1 + 0.4 * Math.max(0, z);
    let proxy = rng.chance(flags.proxy * riskTilt);
    if (ring) {
      const links = ringLinks(ring, member, cfg.fraud.ringSharing);
      if (links.phone >= 0) phone = ring.phones[links.phone]!;
      device = links.device >= 0 ? ring.devices[links.device]! : this.newDevice(rng, z, true);
      if (links.ip >= 0) ipPrefix = ring.ipPrefixes[links.ip]!;
      if (links.contact >= 0) contact = ring.contacts[links.contact]!;
      if (links.employer >= 0) employer = ring.employers[links.employer]!;
      if (links.address >= 0) {
        const line = ring.addresses[links.address]!;
        // Same building, often a different unit: a partial overlap, as real rings leave.
        addressLine = links.sameUnit ? line : line.replace(/Unit \d+/, `Unit ${rng.int(101, 2808)}`);
      }
    } else if (farm) {
      device = farm.device ?? this.farmDevice(farm, rng);
      ipPrefix = rng.pick(farm.ipPrefixes);
      proxy = rng.chance(0.8);
    } else if (!newApplicant && !stolenFromCustomer && person.device && rng.chance(0.7)) {
      device = person.device;
      if (rng.chance(0.1)) phone = this.phone(rng, false, ++this.counters.phone, person.province); // a new local number
    } else if (type === 'none' && this.recentDevices.length > 0 && rng.chance(cfg.devices.householdSharing)) {
      device = rng.pick(this.recentDevices);
    } else {
      device = this.newDevice(rng, z, organised);
    }
    if (stolenFromCustomer) {
      phone = this.phone(rng, true);
      email = this.email(person.row.name, true);
    }
    if (type === 'none') {
      person.device = device;
      if (this.recentDevices.length < RECENT_DEVICES) this.recentDevices.push(device);
      else this.recentDevices[rng.int(0, RECENT_DEVICES - 1)] = device;
    }
    // A proxy replaces the address, except for a ring member already on the ring's own range.
    if (proxy && !(ring && ipPrefix.length > 0 && ring.ipPrefixes.includes(ipPrefix))) {
      ipPrefix = this.ipPrefix(rng, person.province, true);
    }
    const ip = `${ipPrefix}.${rng.int(2, 254)}`;
    const devices: DeviceRow[] = [];
    // A group's own devices are first seen with its first member (whichever chunk later members fall in).
    const firstSeen = ring && member === 0 ? ring.devices : farm?.device && member === 0 ? [farm.device] : [];
    for (const d of [device, ...firstSeen]) {
      if (d.emitted) continue;
      const isGroupDevice = (ring && ring.devices.includes(d)) || (farm && farm.device === d);
      if (isGroupDevice && member !== 0) continue;
      d.emitted = true;
      d.row.firstSeenAt = submittedAt;
      devices.push(d.row);
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
      eventPrefix: `E${padDigits(this.position + 1, 9)}`,
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
      this.plan.rollBase,
      this.plan.macro,
      rng,
    );
    const consortiumEvents = history.events(path.defaultMs);

    const applicationId = `A${padDigits(this.position + 1, 9)}`;
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
      purpose: ref.purposes[rng.weighted(this.plan.cum.purpose)]![0],
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
      const loanId = `L${padDigits(this.position + 1, 9)}`;
      let oldestUnpaidDue = Number.NaN;
      let maxDpd = 0;
      let allPaid = true;
      for (const inst of path.installments) {
        const paidKnown = !Number.isNaN(inst.paidMs) && inst.paidMs <= this.plan.asOfMs;
        const due = inst.dueMs <= this.plan.asOfMs;
        const lateDays = paidKnown ? Math.max(0, Math.floor((inst.paidMs - inst.dueMs) / DAY_MS)) : 0;
        const overdueDays = !paidKnown && due ? Math.floor((this.plan.asOfMs - inst.dueMs) / DAY_MS) : 0;
        if (!paidKnown) allPaid = false;
        if (!paidKnown && due && Number.isNaN(oldestUnpaidDue)) oldestUnpaidDue = inst.dueMs;
        maxDpd = Math.max(maxDpd, lateDays, overdueDays);
        repayments.push({
          loanId,
          installmentNumber: inst.number,
          dueDate: this.fmt.day(inst.dueMs),
          principalDue: inst.principalDue,
          interestDue: inst.interestDue,
          eventId: paidKnown ? `P${padDigits(this.position + 1, 9)}${padDigits(inst.number, 2)}` : '',
          paidAt: paidKnown ? this.fmt.timestamp(inst.paidMs) : '',
          paidAmount: paidKnown ? Math.round((inst.principalDue + inst.interestDue) * 100) / 100 : 0,
          dpd: paidKnown ? lateDays : overdueDays,
          bucket: inst.dueMs + 30 * DAY_MS <= this.plan.asOfMs ? inst.bucket : null,
          status: paidKnown ? (lateDays > 0 ? 'paid-late' : 'paid') : due ? 'overdue' : 'scheduled',
        });
      }
      const dpdAsOf = Number.isNaN(oldestUnpaidDue) ? 0 : Math.floor((this.plan.asOfMs - oldestUnpaidDue) / DAY_MS);
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

  private drawProvince(rng: Rng): ref.Province {
    return ref.provinces[rng.weighted(this.plan.cum.province)]!;
  }

  private newPerson(
    atMs: number,
    z: number,
    hunger: number,
    province: ref.Province | undefined,
    synthetic: boolean,
  ): Person {
    const rng = this.rng;
    const cfg = this.cfg;
    const idProvince = province ?? this.drawProvince(rng);
    const city = rng.pick(idProvince.cities);
    // Most people live where their id was issued; migrants live in the big coastal provinces.
    const liveProvince = rng.chance(0.78) ? idProvince : ref.provinces[rng.int(0, 3)]!;
    const liveCity = liveProvince === idProvince ? city : rng.pick(liveProvince.cities);
    const ageYears = clamp(
      cfg.age.min + Math.exp(cfg.age.logMean + cfg.age.logSd * rng.normal() - 0.1 * z - (synthetic ? 0.3 : 0)),
      cfg.age.min,
      cfg.age.max + 0.99,
    );
    const birthDay = Math.floor((atMs - Math.floor(ageYears * 365.25 * DAY_MS)) / DAY_MS);
    const gender = rng.chance(0.52) ? 'M' : 'F';
    // County suffix (01–30) and sequence (000–999, odd = male) form 15,000 combinations per city, birth day and
    // gender. Chunk c only uses combinations ≡ c (mod chunks), so chunks can never issue the same id; inside a
    // chunk a set of issued keys makes it unique by retry.
    const chunks = this.plan.chunks;
    const slots = Math.floor((ID_COMBINATIONS - 1 - this.chunk) / chunks) + 1;
    let combo = 0;
    for (let attempt = 0; ; attempt++) {
      combo = this.chunk + chunks * rng.int(0, slots - 1);
      const key =
        ((Number(city.code) * 100_000 + (birthDay + 40_000)) * ID_COMBINATIONS + combo) * 2 + (gender === 'M' ? 1 : 0);
      if (!this.issuedIds.has(key) || attempt > 50) {
        this.issuedIds.add(key);
        break;
      }
    }
    const county = `${city.code}${padDigits(1 + Math.floor(combo / 500), 2)}`;
    const seq = (combo % 500) * 2 + (gender === 'M' ? 1 : 0);
    const birth = this.fmt.day(birthDay * DAY_MS);
    const first17 = `${county}${birth.replaceAll('-', '')}${padDigits(seq, 3)}`;
    const name = this.fullName(rng);
    return {
      row: {
        applicantId: `C${padDigits(this.position + 1, 9)}`,
        nationalId: first17 + nationalIdCheck(first17),
        name,
        gender,
        dateOfBirth: birth,
        idRegionCode: county,
        phone: this.phone(
          rng,
          synthetic && rng.chance(0.5),
          ++this.counters.phone,
          this.phoneProvince(this.counters.phone, idProvince, liveProvince, synthetic),
        ),
        email: this.email(name, synthetic),
        firstSeenAt: this.fmt.timestamp(atMs),
      },
      birthDay,
      z,
      hunger,
      province: liveProvince,
      city: liveCity,
      addressLine: this.addressLine(rng, liveCity.name),
      employer: this.employer(rng),
      card: this.card(),
      device: undefined,
    };
  }

  private employment(z: number, age: number): EmploymentStatus {
    const w = this.cfg.employment;
    const statuses = Object.keys(w) as EmploymentStatus[];
    let total = 0;
    const weights = statuses.map((s) => {
      const allowed = (s !== 'student' || age < 27) && (s !== 'retired' || age >= 50);
      const v = allowed ? w[s] * Math.exp(EMPLOYMENT_TILT[s] * z) : 0;
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

  private fullName(rng: Rng): string {
    const given = rng.pick(ref.givenSyllables);
    const second = rng.chance(0.6) ? rng.pick(ref.givenSyllables) : '';
    const g = given[0]!.toUpperCase() + given.slice(1) + second;
    return `${ref.surnames[rng.weighted(this.plan.cum.surname)]!} ${g}`;
  }

  /**
   * A never-issued-before mobile: prefix + permuted counter (unique by construction across chunks and groups). With
   * a province, a carrier number issued there: one of the province's seven-digit blocks (chosen by the counter's
   * upper half) and the counter's last four digits — unique while the province has 10,000 blocks (the smallest,
   * Tibet, has ~800: a repeat needs two Tibetan numbers to share last four digits and block, ~1 in 8 million).
   */
  private phone(rng: Rng, virtualOperator: boolean, counter = ++this.counters.phone, province?: ref.Province): string {
    const virtual = virtualOperator && rng.chance(0.6);
    const prefix = virtual ? rng.pick(ref.virtualPrefixes) : rng.pick(ref.phonePrefixes);
    const n = permuteDecimal(counter, 4, this.plan.key);
    const blocks = province && !virtual ? this.plan.phoneBlocks(province.code) : undefined;
    if (blocks && blocks.length > 0)
      return String(blocks[Math.floor(n / 10_000) % blocks.length]) + padDigits(n % 10_000, 4);
    return prefix + padDigits(n, 8);
  }

  /**
   * Where a person's own number was issued. Most keep the number of where their id was issued; a migrant often
   * takes a local one where they live; a few carry one from a third province. A made-up or stolen identity
   * (device farms, identity theft) comes with the fraudster's own number, from anywhere. Drawn from a hash of the
   * phone counter, not the chunk's stream, so the rest of the book is what it was before numbers had provinces.
   */
  private phoneProvince(counter: number, id: ref.Province, lives: ref.Province, synthetic: boolean): ref.Province {
    const u = (splitmix32(counter ^ this.plan.key) >>> 0) / 0x100000000;
    const anywhere = () => {
      const v = ((splitmix32(counter ^ 0x70686f6e) >>> 0) / 0x100000000) * this.plan.cum.province.at(-1)!;
      const i = this.plan.cum.province.findIndex((c) => v < c);
      return ref.provinces[i < 0 ? ref.provinces.length - 1 : i]!;
    };
    if (synthetic) return anywhere();
    return u < 0.72 ? id : u < 0.97 ? lives : anywhere();
  }

  private email(name: string, disposableLikely: boolean): string {
    const rng = this.rng;
    const n = permuteDecimal(++this.counters.email, 4, this.plan.key ^ 0x5bd1e995);
    const local = rng.chance(0.4) ? String(100_000_000 + n) : `${name.toLowerCase().replace(' ', '.')}${n}`;
    const domain = rng.chance(disposableLikely ? 0.3 : 0.01)
      ? rng.pick(ref.disposableDomains)
      : ref.emailDomains[rng.weighted(this.plan.cum.emailDomain)]![0];
    return `${local}@${domain}`;
  }

  /** BIN + 8-digit permuted counter (unique) + 1 free digit + Luhn check = 16 digits. */
  private card(): string {
    const rng = this.rng;
    const body =
      rng.pick(ref.cardBins) +
      padDigits(permuteDecimal(++this.counters.card, 4, this.plan.key ^ 0x27d4eb2d), 8) +
      String(rng.int(0, 9));
    return body + luhnCheckDigit(body);
  }

  private deviceId(rng: Rng): string {
    return hex32(rng.next() * 0x100000000) + hex32(rng.next() * 0x100000000);
  }

  private newDevice(rng: Rng, z: number, fraud: boolean): DeviceState {
    const flags = fraud ? this.cfg.devices.fraud : this.cfg.devices.legit;
    const tilt = fraud ? 1 : 1 + 0.4 * Math.max(0, z);
    const emulator = rng.chance(flags.emulator * tilt);
    const model = emulator ? rng.pick(ref.emulatorModels) : ref.deviceModels[rng.weighted(this.plan.cum.model)]!;
    const osVersion = rng.pick(model.osVersions);
    return {
      row: {
        deviceId: this.deviceId(rng),
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

  private ipPrefix(rng: Rng, province: ref.Province, datacenter: boolean): string {
    const first = datacenter ? rng.pick(ref.datacenterOctets) : rng.pick(province.ipOctets);
    return `${first}.${rng.int(0, 255)}.${rng.int(0, 255)}`;
  }

  private employer(rng: Rng): string {
    const w = ref.employerWords;
    return `${rng.pick(w.prefixes)} ${rng.pick(w.kinds)} ${rng.pick(w.suffixes)} No.${rng.int(1, 400)}`;
  }

  private addressLine(rng: Rng, city: string): string {
    return `${rng.int(1, 999)} ${rng.pick(ref.streetWords)} Rd, Bldg ${rng.int(1, 40)}, Unit ${rng.int(101, 2808)}, ${city}`;
  }
}

const EMPLOYMENT_TILT: Record<EmploymentStatus, number> = {
  employed: -0.25,
  'self-employed': 0.1,
  other: 0.3,
  student: 0.2,
  retired: 0,
  unemployed: 0.7,
};

/** The whole population, chunk after chunk, in one process (the CLI runs chunks in parallel workers instead). */
export class PopulationGenerator {
  readonly plan: PopulationPlan;

  constructor(overrides: PopulationOverrides = {}) {
    this.plan = new PopulationPlan(overrides);
  }

  get config(): PopulationPlan['config'] {
    return this.plan.config;
  }

  get institutions(): PopulationPlan['institutions'] {
    return this.plan.institutions;
  }

  /** The as-of date: repayments and events after it are not revealed. */
  get asOf(): string {
    return new IsoFormatter().day(this.plan.asOfMs);
  }

  *bundles(): Generator<PopulationBundle> {
    for (let c = 0; c < this.plan.chunks; c++) yield* new ChunkGenerator(this.plan, c).bundles();
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
