/**
 * The console's only door to riskloop: the public HTTP API. A signed-in browser holds an HttpOnly session cookie
 * (POST /v1/session) and sends the CSRF token on every write. Problems (RFC 9457) become ApiError with their
 * field errors, so forms can show them next to the field.
 */

export interface SessionInfo {
  tenantId: string;
  role: 'admin' | 'analyst' | 'decision' | 'viewer';
  user: { userId: string; email: string; name: string } | null;
  csrfToken: string;
  tenants: string[];
}

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One client per signed-in browser tab; no state outside it. */
export function createApi() {
  let csrf = '';

  async function request(method: Method, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) {
      let detail = res.statusText;
      let errors: FieldError[] = [];
      try {
        const p = (await res.json()) as { detail?: string; title?: string; errors?: FieldError[] };
        detail = p.detail ?? p.title ?? detail;
        errors = p.errors ?? [];
      } catch {
        // not a problem document: keep the status text
      }
      throw new ApiError(res.status, detail, errors);
    }
    return res;
  }

  async function json<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const res = await request(method, path, body);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  const adopt = (s: SessionInfo) => {
    csrf = s.csrfToken;
    return s;
  };

  return {
    get: <T>(path: string) => json<T>('GET', path),
    post: <T>(path: string, body?: unknown) => json<T>('POST', path, body ?? {}),
    put: <T>(path: string, body?: unknown) => json<T>('PUT', path, body ?? {}),
    del: <T>(path: string) => json<T>('DELETE', path),
    /** A chart or other binary as an object URL for an <img> (never inlined markup). */
    async blobUrl(path: string): Promise<string> {
      const res = await request('GET', path);
      return URL.createObjectURL(await res.blob());
    },
    async session(): Promise<SessionInfo | null> {
      try {
        return adopt(await json<SessionInfo>('GET', '/v1/session'));
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    async signIn(body: { apiKey: string } | { tenantId: string; email: string; password: string }) {
      return adopt(await json<SessionInfo>('POST', '/v1/session', body));
    },
    async switchTenant(tenantId: string) {
      return adopt(await json<SessionInfo>('POST', '/v1/session/tenant', { tenantId }));
    },
    async signOut() {
      try {
        await json<void>('DELETE', '/v1/session');
      } finally {
        csrf = '';
      }
    },
  };
}

export type Api = ReturnType<typeof createApi>;

export const qs = (params: Record<string, string | number | undefined | null>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};
