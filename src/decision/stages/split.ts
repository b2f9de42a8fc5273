/**
 * Live champion / challenger split. Each applicant lands in a bucket in [0, 1) from a hash of their keyed national
 * id (else phone, else the application id) and the flow id: the same person always meets the same arm of a flow,
 * however often they apply and on whichever node, and two flows split independently. Challengers take the first
 * buckets by their shares, in version order; the champion answers the rest.
 */
import { createHash } from 'node:crypto';
import type { Application } from '../../core/index.js';
import type { ApplicantIdentity } from '../applicant-identity.js';

export function splitBucket(identity: ApplicantIdentity, flowId: string, application: Application): number {
  const a = application.applicant;
  const id = a.nationalId ? identity.nationalId : a.phone ? identity.phone : `app:${application.applicationId}`;
  const digest = createHash('sha256').update(`split\0${flowId}\0${id}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** The challenger (index) whose share covers `bucket`, or -1 for the champion. */
export function pickArm(bucket: number, shares: readonly number[] | undefined): number {
  let upTo = 0;
  for (let i = 0; i < (shares?.length ?? 0); i++) {
    const share = shares![i]!;
    if (!(share > 0)) continue;
    upTo += share;
    if (bucket < upTo) return i;
  }
  return -1;
}
