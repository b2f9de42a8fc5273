/**
 * Typed errors. Every error carries a stable `code` and an HTTP-ish `status` so the server maps it to an
 * RFC 9457 problem document without guessing. Messages must never contain personal identifiers in clear.
 */

export interface FieldIssue {
  /** JSON-pointer-like path of the offending field, e.g. `/applicant/phone` or a column name. */
  path: string;
  /** What was expected, in words a client developer understands. */
  message: string;
}

export class RiskloopError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
  }
}

/** Bad input: names each field and what was expected. */
export class ValidationError extends RiskloopError {
  readonly issues: FieldIssue[];
  constructor(message: string, issues: FieldIssue[]) {
    super('validation_failed', 400, message);
    this.issues = issues;
  }
}

/** A model that scores only asynchronously (ONNX, in onnxruntime) asked for where scoring is synchronous. */
export class AsyncScoringError extends ValidationError {
  constructor(what: string) {
    super(`${what} is not available for an ONNX model (it runs in onnxruntime, asynchronously)`, [
      { path: 'kind', message: 'onnx' },
    ]);
  }
}

export class NotFoundError extends RiskloopError {
  constructor(what: string) {
    super('not_found', 404, `${what} not found`);
  }
}

export class ConflictError extends RiskloopError {
  constructor(message: string) {
    super('conflict', 409, message);
  }
}

export class UnauthorizedError extends RiskloopError {
  constructor(message = 'a valid API key is required (Authorization: Bearer <key> or X-API-Key)') {
    super('unauthorized', 401, message);
  }
}

export class ForbiddenError extends RiskloopError {
  constructor(message: string) {
    super('forbidden', 403, message);
  }
}

/** A dependency (store, cache, broker) is unreachable: the client should retry, never act on a guess. */
export class UnavailableError extends RiskloopError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds = 1, options?: { cause?: unknown }) {
    super('unavailable', 503, message, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Configuration is missing or invalid at start-up. */
export class ConfigError extends RiskloopError {
  constructor(message: string) {
    super('config_invalid', 500, message);
  }
}
