/**
 * Which partition a borrower's events belong to: a stable hash of (tenant, borrower), so every node, every version
 * and every restart agrees, and one consumer sees all of a borrower's events. FNV-1a: fast, and spreads the keyed
 * hashes that borrower ids are evenly enough.
 */

/** Partitions of the post-loan event stream: enough to spread over many nodes, few enough to replay quickly. */
export const MONITORING_PARTITIONS = 16;

export function partitionOf(tenantId: string, borrowerId: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < tenantId.length; i++) h = Math.imul(h ^ tenantId.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0, 0x01000193);
  for (let i = 0; i < borrowerId.length; i++) h = Math.imul(h ^ borrowerId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % partitions;
}
