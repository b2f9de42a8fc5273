/**
 * Managing a tenant's console users — the use cases the API (admins) and the CLI (operators) share. Passwords are
 * hashed with scrypt here and never leave the store. Each change and its audit entry commit together; a refused
 * change (the e-mail is taken, the user is not a member) writes nothing.
 */
import { ConflictError, NotFoundError, systemClock, type Clock, type Role } from '../core/index.js';
import { appendAuditEntry, auditTransaction } from '../audit/index.js';
import type { SqlExecutor } from '../store/index.js';
import { DEFAULT_PASSWORD_COST, hashPassword, type PasswordCost } from './password.js';
import { userRepository, type Member } from './repository.js';
import { sessionRepository } from './sessions.js';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
}

export interface UserAdministration {
  /** `actor` is who does it, for the audit log (`user:<id>`, `key:<id>`, `cli:<os user>`). */
  create(tenantId: string, actor: string, user: NewUser): Promise<Member>;
  list(tenantId: string): Promise<Member[]>;
  /** Removes the membership and ends the user's sessions in this tenant at once. */
  remove(tenantId: string, actor: string, userId: string): Promise<void>;
}

export function createUserAdministration(deps: {
  db: SqlExecutor;
  clock?: Clock;
  passwordCost?: PasswordCost;
}): UserAdministration {
  const { db } = deps;
  const clock = deps.clock ?? systemClock;
  return {
    async create(tenantId, actor, { email, name, password, role }) {
      const passwordHash = await hashPassword(password, deps.passwordCost ?? DEFAULT_PASSWORD_COST);
      const user = await auditTransaction(db, async (tx) => {
        const created = await userRepository(tx).create({ tenantId, email, name, passwordHash, role });
        if (created) {
          await appendAuditEntry(
            tx,
            { tenantId, actor, action: 'user.create', subject: `user:${created.userId}`, detail: { role } },
            clock,
          );
        }
        return created;
      });
      if (!user) throw new ConflictError('this tenant already has a user with this e-mail');
      return user;
    },
    list: (tenantId) => userRepository(db).list(tenantId),
    async remove(tenantId, actor, userId) {
      const removed = await auditTransaction(db, async (tx) => {
        if (!(await userRepository(tx).remove(tenantId, userId))) return false;
        await sessionRepository(tx).deleteForUser(tenantId, userId);
        await appendAuditEntry(
          tx,
          { tenantId, actor, action: 'user.remove', subject: `user:${userId}`, detail: {} },
          clock,
        );
        return true;
      });
      if (!removed) throw new NotFoundError('user');
    },
  };
}
