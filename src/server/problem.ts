/**
 * RFC 9457 problem details for every error: a stable type URI, the status, a human detail and, for bad input,
 * the field paths and what was expected. 5xx details never echo internals to the client.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  FairnessGateError,
  issuesFromAjv,
  RiskloopError,
  UnavailableError,
  ValidationError,
  type FairnessGateCheck,
  type FieldIssue,
} from '../core/index.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldIssue[];
  /** A publish the fairness gate refused: the groups under the threshold and their ratios. */
  fairness?: FairnessGateCheck;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function problemType(code: string): string {
  return `https://riskloop.dev/problems/${code.replace(/_/g, '-').toLowerCase()}`;
}

export function toProblem(error: unknown, request: FastifyRequest): Problem {
  // the route's template, not the concrete path: a path segment may be an identifier the client put there
  const instance = request.routeOptions.url ?? request.url.split('?')[0];
  const fe = error as FastifyError & { validation?: unknown[]; validationContext?: string };
  if (fe.validation) {
    const prefix = fe.validationContext && fe.validationContext !== 'body' ? `/${fe.validationContext}` : '';
    const errors = issuesFromAjv(fe.validation as Parameters<typeof issuesFromAjv>[0], prefix);
    return {
      type: problemType('validation_failed'),
      title: TITLES[400]!,
      status: 400,
      detail: `request is invalid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      instance,
      errors,
    };
  }
  if (error instanceof ValidationError) {
    return {
      type: problemType(error.code),
      title: TITLES[400]!,
      status: 400,
      detail: error.message,
      instance,
      errors: error.issues,
    };
  }
  if (error instanceof RiskloopError && error.status < 500) {
    return {
      type: problemType(error instanceof FairnessGateError ? 'fairness_gate' : error.code),
      title: TITLES[error.status] ?? 'Error',
      status: error.status,
      detail: error.message,
      instance,
      ...(error instanceof FairnessGateError ? { fairness: error.check } : {}),
    };
  }
  if (error instanceof UnavailableError) {
    return { type: problemType(error.code), title: TITLES[503]!, status: 503, detail: error.message, instance };
  }
  // SQLSTATE class 22 (data exception): a value the store cannot hold, e.g. a NUL character in a path parameter
  // or an out-of-range number. The input's fault, and the statement was rolled back: 400, never 500.
  const sqlState = (error as { code?: unknown; severity?: unknown }).code;
  if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState) && 'severity' in (error as object)) {
    return {
      type: problemType('unstorable_value'),
      title: TITLES[400]!,
      status: 400,
      detail: 'a value in the request cannot be stored (a NUL character, or out of range)',
      instance,
    };
  }
  // Fastify's own client errors: malformed JSON, body too large, wrong content type, poisoned prototype keys.
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    return {
      type: problemType(fe.code ?? 'bad_request'),
      title: TITLES[status] ?? 'Bad Request',
      status,
      detail: fe.message,
      instance,
    };
  }
  return {
    type: problemType('internal'),
    title: TITLES[500]!,
    status: 500,
    detail: 'internal error; it has been logged',
    instance,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem, retryAfterSeconds?: number): FastifyReply {
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
  return reply.code(problem.status).type('application/problem+json').send(problem);
}
