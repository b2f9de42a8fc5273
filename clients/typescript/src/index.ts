/**
 * A typed client for the riskloop HTTP API. Paths, parameters, bodies and answers come from `schema.d.ts`, which is
 * generated from the OpenAPI document the server serves (`npm run client:generate` in the riskloop repository;
 * a test fails when it is stale), so a call that the server would refuse for its shape does not compile.
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** An RFC 9457 problem document: every error answer of the API. */
export type Problem = components['schemas']['Problem'];

export type RiskloopClient = Client<paths>;

export interface RiskloopClientOptions extends ClientOptions {
  /** An API key (`rk_…`), sent as `Authorization: Bearer`. Leave it out in a browser signed in with a session. */
  apiKey?: string;
}

export function createRiskloopClient(options: RiskloopClientOptions = {}): RiskloopClient {
  const { apiKey, ...rest } = options;
  const client = createClient<paths>(rest);
  if (apiKey) {
    client.use({
      onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${apiKey}`);
        return request;
      },
    });
  }
  return client;
}

/** Whether an answer's error is a problem document (it is for every 4xx and 5xx the API itself gives). */
export function isProblem(error: unknown): error is Problem {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as Problem).status === 'number' &&
    typeof (error as Problem).type === 'string'
  );
}
