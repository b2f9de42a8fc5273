/** Console users: people with a role per tenant, scrypt password hashes, and browser sessions. */
export {
  hashPassword,
  verifyPassword,
  createDummyHash,
  DEFAULT_PASSWORD_COST,
  MIN_PASSWORD_LENGTH,
  type PasswordCost,
} from './password.js';
export { userRepository, type User, type Member, type UserRepository } from './repository.js';
export { sessionRepository, newSessionId, sessionHash, type SessionRow, type SessionRepository } from './sessions.js';
export { actorNamed } from './person.js';
