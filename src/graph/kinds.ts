/**
 * Entity kinds of the association graph and how each one links applications. A kind is any string (the rings CLI
 * uses CSV column names); the lending kinds below carry defaults for hub thresholds, context-only linking and the
 * words used in reasons.
 */

/** Words for reasons: they name the kind of thing shared, never its value. */
const LABELS: Record<string, string> = {
  nationalId: 'national id',
  phone: 'phone number',
  device: 'device',
  ip24: 'IP /24 network',
  card: 'card',
  email: 'email',
  address: 'address',
  employerPhone: 'employer phone',
  employer: 'employer',
  contactPhone: 'emergency contact phone',
};

export function entityLabel(kind: string): string {
  return LABELS[kind] ?? kind;
}

/**
 * Degree above which an entity is a hub (a shared office switchboard, a carrier-NAT /24, a placeholder value).
 * Identity-bearing kinds get a high threshold: a device with 150 applicants is a farm to catch, not noise to mute.
 */
export const DEFAULT_HUB_THRESHOLDS: Readonly<Record<string, number>> = Object.freeze({
  nationalId: 1000,
  phone: 200,
  device: 200,
  card: 200,
  email: 200,
  contactPhone: 200,
  employerPhone: 50,
  employer: 50,
  address: 50,
  ip24: 50,
});

export const DEFAULT_HUB_THRESHOLD = 100;

/**
 * Context kinds feed hop counts, shared-entity features and PageRank but do not merge components or rings:
 * households share an address, carrier NAT shares a /24 and colleagues share an employer's switchboard, so on
 * their own they are weak evidence of a ring.
 */
export const DEFAULT_CONTEXT_KINDS: readonly string[] = ['address', 'ip24', 'employerPhone', 'employer'];
