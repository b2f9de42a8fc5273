/**
 * The demo lender's two people: a risk analyst who proposes the starter program and a head of risk who approves
 * it, so the first start goes through four eyes like any change. Their passwords are random and never shown: an
 * admin sets one (`riskloop users …`) to sign in as them.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../core/index.js';
import type { Store } from '../store/index.js';
import { hashPassword, userRepository } from '../users/index.js';

export const DEMO_PEOPLE = {
  author: { email: 'analyst@demo.riskloop.invalid', name: 'Demo risk analyst', role: 'analyst' },
  approver: { email: 'head-of-risk@demo.riskloop.invalid', name: 'Demo head of risk', role: 'admin' },
} as const;

export async function ensureDemoPeople(store: Store, tenantId: string): Promise<{ author: Actor; approver: Actor }> {
  await store.tenants.ensure(tenantId);
  const users = userRepository(store.db);
  const person = async (p: (typeof DEMO_PEOPLE)[keyof typeof DEMO_PEOPLE]): Promise<Actor> => {
    const found = await users.findMember(tenantId, p.email);
    if (found) return { id: found.userId, human: found.userId };
    const created = await users.create({
      tenantId,
      email: p.email,
      name: p.name,
      passwordHash: await hashPassword(randomBytes(24).toString('base64url')),
      role: p.role,
    });
    if (!created) throw new Error(`demo user ${p.email} could not be created`);
    return { id: created.userId, human: created.userId };
  };
  return { author: await person(DEMO_PEOPLE.author), approver: await person(DEMO_PEOPLE.approver) };
}
