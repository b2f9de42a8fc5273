/**
 * Four eyes: a change that puts something live (a model approval, a flow publication) needs two distinct people.
 * Keys and sessions are not people — one admin holding two keys is one person — so each actor carries the console
 * user behind it (`human`): a session's user, or the user who owns the API key. Keys no person owns (the bootstrap
 * key, keys made by the CLI without `--owner`) can author and read, but neither side of four eyes can be them.
 */
import { ForbiddenError } from './errors.js';

export interface Actor {
  /** What the audit log names: an API key id, a user id or `cli:<name>`. */
  id: string;
  /** The console user (person) behind the actor, or null when no person owns it. */
  human: string | null;
}

/** Throws unless `approver` is a person other than the person who authored `what`. */
export function checkFourEyes(what: string, authorHuman: string | null, approver: Actor): void {
  if (approver.human === null)
    throw new ForbiddenError(
      `${what} must be approved by a person: sign in as a user, or use an API key a user owns (keys made by the ` +
        'bootstrap or the CLI without --owner belong to no one)',
    );
  if (authorHuman === null)
    throw new ForbiddenError(
      `${what} was authored by a key no person owns, so no second person can be told apart: author it again as a user`,
    );
  if (authorHuman === approver.human)
    throw new ForbiddenError(`${what} must be approved by a person other than its author (four eyes)`);
}
