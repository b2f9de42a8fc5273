/**
 * Velocity feature declarations: each spec is keyed by one identifier or a pair and counts applications, counts
 * distinct values of another identifier, or sums the amount, over every velocity window. Feature names are
 * `vel_<stem>_<window>`, e.g. `vel_apps_phone_24h`, `vel_ids_per_device_7d`, `vel_amount_card_30d`.
 */
import type { FieldDefinition } from '../../core/fields.js';
import type { KeyedApplication, VelocityKeyKind } from '../application.js';
import { VELOCITY_WINDOWS, type VelocityWindow } from '../windows.js';
import type { CounterAgg, CounterOp } from './store.js';

export interface VelocitySpec {
  stem: string;
  by: readonly VelocityKeyKind[];
  agg: CounterAgg;
  /** For `distinct`: the identifier whose distinct values are counted. */
  of?: VelocityKeyKind;
  description: string;
}

export const VELOCITY_SPECS: readonly VelocitySpec[] = [
  { stem: 'apps_id', by: ['nationalId'], agg: 'count', description: 'applications with this national id' },
  { stem: 'apps_phone', by: ['phone'], agg: 'count', description: 'applications with this mobile phone' },
  { stem: 'apps_email', by: ['email'], agg: 'count', description: 'applications with this e-mail' },
  { stem: 'apps_device', by: ['deviceId'], agg: 'count', description: 'applications from this device' },
  { stem: 'apps_ip24', by: ['ip24'], agg: 'count', description: 'applications from this IPv4 /24' },
  { stem: 'apps_card', by: ['card'], agg: 'count', description: 'applications with this card' },
  {
    stem: 'apps_employer_phone',
    by: ['employerPhone'],
    agg: 'count',
    description: 'applications giving this employer phone',
  },
  {
    stem: 'apps_contact_phone',
    by: ['contactPhone'],
    agg: 'count',
    description: 'applications listing this contact phone (max over the contacts given)',
  },
  {
    stem: 'apps_id_device',
    by: ['nationalId', 'deviceId'],
    agg: 'count',
    description: 'applications by this id on this device',
  },
  {
    stem: 'ids_per_device',
    by: ['deviceId'],
    agg: 'distinct',
    of: 'nationalId',
    description: 'distinct applicants (national ids) seen on this device',
  },
  {
    stem: 'ids_per_phone',
    by: ['phone'],
    agg: 'distinct',
    of: 'nationalId',
    description: 'distinct national ids seen with this phone',
  },
  {
    stem: 'ids_per_ip24',
    by: ['ip24'],
    agg: 'distinct',
    of: 'nationalId',
    description: 'distinct national ids seen from this IPv4 /24',
  },
  {
    stem: 'ids_per_contact_phone',
    by: ['contactPhone'],
    agg: 'distinct',
    of: 'nationalId',
    description: 'distinct applicants listing this contact phone (max over the contacts given)',
  },
  {
    stem: 'devices_per_id',
    by: ['nationalId'],
    agg: 'distinct',
    of: 'deviceId',
    description: 'distinct devices seen with this national id',
  },
  {
    stem: 'phones_per_id',
    by: ['nationalId'],
    agg: 'distinct',
    of: 'phone',
    description: 'distinct phones seen with this national id',
  },
  { stem: 'amount_card', by: ['card'], agg: 'sum', description: 'sum of amounts applied for with this card' },
  {
    stem: 'amount_id',
    by: ['nationalId'],
    agg: 'sum',
    description: 'sum of amounts applied for with this national id',
  },
];

export function velocityFeatureName(spec: VelocitySpec, window: VelocityWindow): string {
  return `vel_${spec.stem}_${window.label}`;
}

export function velocityFieldDefinitions(
  specs: readonly VelocitySpec[] = VELOCITY_SPECS,
  windows: readonly VelocityWindow[] = VELOCITY_WINDOWS,
): FieldDefinition[] {
  return specs.flatMap((spec) =>
    windows.map((w) => ({
      name: velocityFeatureName(spec, w),
      type: 'number' as const,
      description: `${spec.description}, last ${w.label}, before this application`,
      entity: spec.by.join('+'),
      window: w.label,
      owner: 'features/velocity',
    })),
  );
}

export interface VelocityPlan {
  ops: CounterOp[];
  /** Spec index per op (several ops share a spec when a key has several values, e.g. contact phones). */
  specOfOp: number[];
}

/**
 * Counter ops for one keyed application; specs whose key is missing produce no op (their features are null). With
 * `wanted`, only those specs (a decision reads what its flows read; its counter update still plans every spec).
 */
export function planVelocity(
  app: KeyedApplication,
  specs: readonly VelocitySpec[] = VELOCITY_SPECS,
  wanted?: readonly boolean[],
): VelocityPlan {
  const ops: CounterOp[] = [];
  const specOfOp: number[] = [];
  for (let s = 0; s < specs.length; s++) {
    if (wanted !== undefined && !wanted[s]) continue;
    const spec = specs[s]!;
    const first = app.keys[spec.by[0]!];
    if (first === undefined) continue;
    let keyValues: readonly string[] = first;
    if (spec.by.length === 2) {
      const second = app.keys[spec.by[1]!];
      if (second === undefined) continue;
      keyValues = first.flatMap((a) => second.map((b) => `${a}|${b}`));
    }
    let value: number | string = 1;
    if (spec.agg === 'sum') {
      if (app.amountMinor === null) continue;
      value = app.amountMinor;
    } else if (spec.agg === 'distinct') {
      // an empty member means "read, do not record" (the target identifier is missing)
      value = app.keys[spec.of!]?.[0] ?? '';
    }
    for (const k of keyValues.length > 1 ? new Set(keyValues) : keyValues) {
      ops.push({ space: spec.stem, id: k, agg: spec.agg, value });
      specOfOp.push(s);
    }
  }
  return { ops, specOfOp };
}

/** Folds op values into one value per (spec, window), max over a spec's several keys; null (NaN) when absent. */
export function assembleVelocity(
  plan: VelocityPlan,
  values: Float64Array,
  specs: readonly VelocitySpec[],
  nWindows: number,
  out: Float64Array = new Float64Array(specs.length * nWindows),
  offset = 0,
): Float64Array {
  out.fill(Number.NaN, offset, offset + specs.length * nWindows);
  for (let i = 0; i < plan.specOfOp.length; i++) {
    const s = plan.specOfOp[i]!;
    const base = offset + s * nWindows;
    const divisor = specs[s]!.agg === 'sum' ? 100 : 1; // sums are kept in minor units
    for (let w = 0; w < nWindows; w++) {
      const v = values[i * nWindows + w]! / divisor;
      const cur = out[base + w]!;
      if (Number.isNaN(cur) || v > cur) out[base + w] = v;
    }
  }
  return out;
}
