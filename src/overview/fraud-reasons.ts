/**
 * Which stored reasons are fraud reasons, for the overview's "fraud held back" trend. A decision's reasons carry a
 * source and a stable code, not the stage that raised them, so fraud is read from both: evidence from lists, the
 * association graph and the device is fraud evidence whatever its code; rules speak through their code families —
 * identity consistency (ID_, CONTACT_, EMAIL_, PHONE_), device (DEVICE_), graph (GRAPH_), the fraud model's cut-offs
 * (FRAUD_) and list hits (LIST_). Credit reasons (multi-lender ML_, affordability DTI_, score bands SCORE_, model
 * points MODEL_) are not fraud: a decline for them holds back a poor payer, not a fraudster.
 */
export const FRAUD_REASON_SOURCES = ['list', 'graph', 'device'] as const;
export const FRAUD_CODE_FAMILIES = ['ID', 'CONTACT', 'EMAIL', 'PHONE', 'DEVICE', 'GRAPH', 'FRAUD', 'LIST'] as const;

/** The SQL/JSON path predicate over a stored decision's `$.reasons[*]` that a fraud reason satisfies. */
export const FRAUD_REASON_PATH =
  '$.reasons[*] ? (' +
  FRAUD_REASON_SOURCES.map((s) => `@.source == "${s}"`).join(' || ') +
  ` || @.code like_regex "^(${FRAUD_CODE_FAMILIES.join('|')})_")`;

/** The same rule in TypeScript (one reason), for tests and for anything reading decisions outside SQL. */
export function isFraudReason(r: { code: string; source: string }): boolean {
  return (
    (FRAUD_REASON_SOURCES as readonly string[]).includes(r.source) ||
    FRAUD_CODE_FAMILIES.some((f) => r.code.startsWith(`${f}_`))
  );
}
