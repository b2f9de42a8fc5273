/**
 * Users and their memberships (a role per tenant), in SQL. An e-mail is unique within a tenant (case-insensitively),
 * not across tenants: each tenant's admin creates accounts of its own, so creating one reveals nothing about
 * another tenant. One account may belong to several tenants when an operator grants it.
 */
import { ConflictError, newId, type Role } from '../core/index.js';
import type { SqlExecutor } from '../store/index.js';

/** The console's languages; a user's choice is kept with the account. */
export const CONSOLE_LANGUAGES = ['zh-CN', 'en'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];

export interface User {
  userId: string;
  email: string;
  name: string;
}

export interface Member extends User {
  tenantId: string;
  role: Role;
  createdAt: Date;
}

export interface UserRepository {
  /** Creates the user with one membership; undefined when the e-mail is taken in that tenant. */
  create(input: {
    tenantId: string;
    email: string;
    name: string;
    passwordHash: string;
    role: Role;
  }): Promise<Member | undefined>;
  /** The tenant's member with this e-mail, with the stored hash (sign-in). */
  findMember(tenantId: string, email: string): Promise<(User & { passwordHash: string }) | undefined>;
  /** Every account with this e-mail and the tenants each belongs to (operators only: it spans tenants). */
  accountsByEmail(email: string): Promise<(User & { tenants: string[] })[]>;
  get(userId: string): Promise<User | undefined>;
  membership(tenantId: string, userId: string): Promise<Role | undefined>;
  /** Tenants the user belongs to, sorted. */
  tenantsOf(userId: string): Promise<string[]>;
  /** Adds or changes a membership of an existing user; ConflictError when the tenant has another account by that e-mail. */
  grant(tenantId: string, userId: string, role: Role): Promise<void>;
  list(tenantId: string): Promise<Member[]>;
  /** Removes the membership (and the user with its last one); false when the user is not a member. */
  remove(tenantId: string, userId: string): Promise<boolean>;
  setPassword(userId: string, passwordHash: string): Promise<void>;
  /** Keeps the user's console language (for every tenant and browser). */
  setLanguage(userId: string, language: ConsoleLanguage): Promise<void>;
}

const MEMBER = `u.user_id as "userId", u.email, u.name, m.tenant_id as "tenantId", m.role, m.created_at as "createdAt"`;

export function userRepository(db: SqlExecutor): UserRepository {
  return {
    async create({ tenantId, email, name, passwordHash, role }) {
      const userId = newId('usr');
      // one statement: the user and its first membership exist together or not at all; only this tenant's
      // members are looked at (the membership's unique e-mail key settles two creations racing)
      try {
        const inserted = await db.query(
          `with u as (
             insert into console_users (user_id, email, name, password_hash)
             select $1, $2, $3, $4 where not exists (
               select 1 from console_memberships where tenant_id = $5 and email_key = lower($2))
             returning user_id)
           insert into console_memberships (tenant_id, user_id, role, email_key)
           select $5, user_id, $6, lower($2) from u returning user_id`,
          [userId, email, name, passwordHash, tenantId, role],
        );
        if (inserted.rows.length === 0) return undefined;
      } catch (error) {
        if (isUniqueViolation(error)) return undefined;
        throw error;
      }
      return { userId, email, name, tenantId, role, createdAt: new Date() };
    },
    async findMember(tenantId, email) {
      const r = await db.query<User & { passwordHash: string }>(
        `select u.user_id as "userId", u.email, u.name, u.password_hash as "passwordHash"
         from console_memberships m join console_users u using (user_id)
         where m.tenant_id = $1 and m.email_key = lower($2)`,
        [tenantId, email],
      );
      return r.rows[0];
    },
    async accountsByEmail(email) {
      const r = await db.query<User & { tenants: string[] }>(
        `select u.user_id as "userId", u.email, u.name,
           coalesce(array_agg(m.tenant_id order by m.tenant_id) filter (where m.tenant_id is not null), '{}') as tenants
         from console_users u left join console_memberships m using (user_id)
         where lower(u.email) = lower($1) group by u.user_id, u.email, u.name order by u.user_id`,
        [email],
      );
      return r.rows;
    },
    async get(userId) {
      const r = await db.query<User>('select user_id as "userId", email, name from console_users where user_id = $1', [
        userId,
      ]);
      return r.rows[0];
    },
    async membership(tenantId, userId) {
      const r = await db.query<{ role: Role }>(
        'select role from console_memberships where tenant_id = $1 and user_id = $2',
        [tenantId, userId],
      );
      return r.rows[0]?.role;
    },
    async tenantsOf(userId) {
      const r = await db.query<{ tenantId: string }>(
        'select tenant_id as "tenantId" from console_memberships where user_id = $1 order by tenant_id',
        [userId],
      );
      return r.rows.map((row) => row.tenantId);
    },
    async grant(tenantId, userId, role) {
      try {
        await db.query(
          `insert into console_memberships (tenant_id, user_id, role, email_key)
           select $1, user_id, $3, lower(email) from console_users where user_id = $2
           on conflict (tenant_id, user_id) do update set role = excluded.role`,
          [tenantId, userId, role],
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('that tenant has another account with this e-mail');
        throw error;
      }
    },
    async list(tenantId) {
      const r = await db.query<Member>(
        `select ${MEMBER} from console_memberships m join console_users u using (user_id)
         where m.tenant_id = $1 order by lower(u.email)`,
        [tenantId],
      );
      return r.rows;
    },
    async remove(tenantId, userId) {
      const r = await db.query(
        'delete from console_memberships where tenant_id = $1 and user_id = $2 returning user_id',
        [tenantId, userId],
      );
      if (r.rows.length === 0) return false;
      await db.query(
        `delete from console_users u where u.user_id = $1
         and not exists (select 1 from console_memberships m where m.user_id = u.user_id)`,
        [userId],
      );
      return true;
    },
    async setPassword(userId, passwordHash) {
      await db.query('update console_users set password_hash = $2 where user_id = $1', [userId, passwordHash]);
    },
    async setLanguage(userId, language) {
      await db.query('update console_users set language = $2 where user_id = $1', [userId, language]);
    },
  };
}

/** PostgreSQL's unique_violation (both adapters report the SQLSTATE as `code`). */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
