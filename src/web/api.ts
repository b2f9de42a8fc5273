/**
 * The console's only door to riskloop: the public HTTP API, through the generated client (clients/typescript:
 * paths, parameters and answers typed from the served OpenAPI document). A signed-in browser holds an HttpOnly
 * session cookie (POST /v1/session) and sends the CSRF token on every write. Problems (RFC 9457) become ApiError
 * with their field errors, so forms can show them next to the field.
 */
import {
  createRiskloopClient,
  type components,
  type paths,
  type RiskloopClient,
} from '../../clients/typescript/src/index';
import { currentLanguage } from './i18n';
import { retryOnceWhenBusy } from './busy-retry';

/** What a typed call answers with: the 2xx JSON body of `path`'s `method`, from the generated types. */
export type Answer<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'delete'> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

/** What a typed call sends: the JSON request body of `path`'s `method`, from the generated types. */
export type Body<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type SessionInfo = Answer<'/v1/session', 'get'>;
/** A background job as GET /v1/jobs/:id answers it: a union on `kind`, each kind with its own result. */
export type Job = Answer<'/v1/jobs/{jobId}', 'get'>;
/** What a job of `kind` answers once done. */
export type JobResult<K extends Job['kind']> = NonNullable<Extract<Job, { kind: K }>['result']>;
export type PortfolioChart = paths['/v1/portfolio/{chart}']['get']['parameters']['path']['chart'];
export type Problem = components['schemas']['Problem'];

/** One invalid field of a problem document: a JSON pointer and what was expected. */
export type FieldError = NonNullable<Problem['errors']>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
    /** The whole problem document, for pages that read its extensions (e.g. a refused publish's `fairness`). */
    readonly problem: Partial<Problem> = {},
  ) {
    super(message);
  }
}

/** A problem document (or anything else a failed call answered) as an ApiError. */
function toApiError(status: number, statusText: string, body: unknown): ApiError {
  const p = (body ?? {}) as Partial<Problem>;
  return new ApiError(status, p.detail ?? p.title ?? statusText, p.errors ?? [], p);
}

/** One client per signed-in browser tab; no state outside it. */
export function createApi() {
  let csrf = '';
  const client: RiskloopClient = createRiskloopClient({ credentials: 'same-origin' });
  client.use({
    onRequest({ request }) {
      if (request.method !== 'GET' && csrf) request.headers.set('x-csrf-token', csrf);
      // the API writes reason messages in the console's language (codes stay as they are)
      request.headers.set('accept-language', currentLanguage());
      return request;
    },
  });

  /** Unwraps a typed call: its body, or an ApiError. */
  async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
    const { data, error, response } = await pending;
    if (!response.ok) throw toApiError(response.status, response.statusText, error);
    return data as T;
  }

  const adopt = (s: SessionInfo) => {
    csrf = s.csrfToken;
    return s;
  };

  return {
    /**
     * Follows a call that answers 202 with a background job of `kind` (`{jobId, href}`): polls the job until it is
     * done and resolves with its result (typed by kind), or rejects with its error.
     */
    async awaitJob<K extends Job['kind']>(
      kind: K,
      started: Promise<{ data?: unknown; error?: unknown; response: Response }>,
      onProgress?: (share: number) => void,
    ): Promise<JobResult<K>> {
      const first = await call(started);
      if (!first || typeof first !== 'object' || !('jobId' in first) || typeof first.jobId !== 'string') {
        throw new ApiError(500, `expected a ${kind} job, got another answer`, []);
      }
      const jobId = first.jobId;
      for (let wait = 250; ; wait = Math.min(wait * 1.5, 2000)) {
        await new Promise((r) => setTimeout(r, wait));
        const job = await call(client.GET('/v1/jobs/{jobId}', { params: { path: { jobId } } }));
        onProgress?.(job.progress);
        if (job.kind !== kind) throw new ApiError(500, `expected a ${kind} job, got ${job.kind}`, []);
        if (job.status === 'failed') throw new ApiError(500, job.error ?? 'the job failed', []);
        if (job.status === 'done' && job.result) return job.result as JobResult<K>;
      }
    },
    /**
     * A portfolio chart (SVG) as an object URL for an <img> (never inlined markup). The route answers the chart's
     * data as JSON to `Accept: application/json` (the client's default), so the image is asked for by its type.
     */
    async chartUrl(chart: PortfolioChart): Promise<string> {
      const blob = await call(
        client.GET('/v1/portfolio/{chart}', {
          // the chart's words in the console's language, in the URL so each language is its own cached image
          params: { path: { chart }, query: { lang: currentLanguage() } },
          headers: { accept: 'image/svg+xml' },
          parseAs: 'blob',
        }),
      );
      if (!blob.type.startsWith('image/svg+xml'))
        throw new ApiError(500, `the chart came as ${blob.type || 'no type'}`);
      return URL.createObjectURL(blob);
    },
    async session(): Promise<SessionInfo | null> {
      try {
        return adopt(await call(client.GET('/v1/session')));
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    async signIn(body: { apiKey: string } | { tenantId: string; email: string; password: string }) {
      // a second sign-in while the node still checks the first is 429 for a second: waited out, not shown
      return adopt(await call(retryOnceWhenBusy(() => client.POST('/v1/session', { body }))));
    },
    async switchTenant(tenantId: string) {
      return adopt(await call(client.POST('/v1/session/tenant', { body: { tenantId } })));
    },
    async signOut() {
      try {
        await call(client.DELETE('/v1/session'));
      } finally {
        csrf = '';
      }
    },
    /** The typed client (generated from the served OpenAPI document); unwrap its answers with `call`. */
    client,
    call,
  };
}

export type Api = ReturnType<typeof createApi>;

export const qs = (params: Record<string, string | number | undefined | null>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};
