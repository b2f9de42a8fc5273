/**
 * The person behind a name given on the command line: operators act on the store directly, so the CLI names who
 * is acting. A console user of the tenant (by e-mail) is a person four eyes can tell apart; any other name is
 * recorded as `cli:<name>` and belongs to no person.
 */
import type { Actor } from '../core/index.js';
import type { SqlExecutor } from '../store/index.js';
import { userRepository } from './repository.js';

export async function actorNamed(db: SqlExecutor, tenantId: string, name: string): Promise<Actor> {
  const users = userRepository(db);
  const user = name.includes('@') ? await users.findMember(tenantId, name) : undefined;
  if (user) return { id: user.userId, human: user.userId };
  return { id: `cli:${name}`, human: null };
}
