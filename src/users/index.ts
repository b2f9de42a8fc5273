/**
 * Console users: people with a role per tenant, scrypt password hashes, browser sessions and sign-in; the failure
 * counters behind the sign-in and unknown-key throttles.
 */
export {
  hashPassword,
  verifyPassword,
  createDummyHash,
  DEFAULT_PASSWORD_COST,
  MIN_PASSWORD_LENGTH,
  type PasswordCost,
} from './password.js';
export {
  userRepository,
  CONSOLE_LANGUAGES,
  type ConsoleLanguage,
  type User,
  type Member,
  type UserRepository,
} from './repository.js';
export { sessionRepository, newSessionId, sessionHash, type SessionRow, type SessionRepository } from './sessions.js';
export { actorNamed } from './person.js';
export {
  createConsoleSessions,
  csrfTokenFor,
  TooManyLoginsError,
  type ConsoleSessions,
  type SessionAuth,
  type SessionOptions,
  type SessionView,
} from './console-sessions.js';
export { memoryFailureCounter, redisFailureCounter, type FailureCounter } from './throttle.js';
export { createUserAdministration, type NewUser, type UserAdministration } from './administration.js';
