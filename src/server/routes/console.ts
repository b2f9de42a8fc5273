/**
 * The web console: the Vite bundle in dist/web served at `/`. Hashed assets under /assets are cached for a
 * year; every other GET that asks for HTML and is not an API path gets the single page (client-side routes), with a
 * strict content security policy. API paths keep their JSON 404s.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

/**
 * Scripts, styles, images and calls only from this origin; no inline script, no framing, no plugins. Charts are
 * loaded as blob: images (never inlined SVG markup). The one inline thing is the editor's generated <style>
 * element, admitted by a per-response nonce that the page hands to CodeMirror (EditorView.cspNonce).
 */
export const consoleCsp = (nonce: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** Where the page carries the nonce (a meta tag in src/web/index.html). */
const NONCE_SLOT = '__CSP_NONCE__';

/** Paths the console never answers: the API and the operational endpoints keep their own 404s. */
const NOT_CONSOLE = /^\/(v1|docs|healthz|readyz|metrics|assets)(\/|$)/;

/** dist/web next to the package root, found from this file (src/… under vitest, dist/src/… when built). */
export function defaultConsoleDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'web');
    dir = dirname(dir);
  }
  return resolve('dist', 'web');
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>riskloop console</title>
<p>The console is not built. Run <code>npm run build</code> (or <code>npm start</code>) and restart the node.</p></html>`;

export function consoleRoutes(options: { dir?: string } = {}): FastifyPluginAsync {
  return async (app) => {
    const dir = options.dir ?? defaultConsoleDir();
    const indexFile = join(dir, 'index.html');
    const built = existsSync(indexFile);
    // re-read when the file changes: a rebuild under a running node renames every asset, and a stale page would
    // point at files that are gone
    let cached = { mtimeMs: -1, text: NOT_BUILT };
    const page = () => {
      try {
        const { mtimeMs } = statSync(indexFile);
        if (mtimeMs !== cached.mtimeMs) cached = { mtimeMs, text: readFileSync(indexFile, 'utf8') };
      } catch {
        cached = { mtimeMs: -1, text: NOT_BUILT };
      }
      return cached.text;
    };

    if (built && existsSync(join(dir, 'assets'))) {
      await app.register(fastifyStatic, {
        root: join(dir, 'assets'),
        prefix: '/assets/',
        decorateReply: false,
        maxAge: '365d',
        immutable: true,
        index: false,
      });
    }

    const sendPage = (reply: FastifyReply) => {
      const nonce = randomBytes(16).toString('base64');
      return reply
        .header('content-security-policy', consoleCsp(nonce))
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(page().replaceAll(NONCE_SLOT, nonce));
    };

    app.get('/', { schema: { hide: true } }, (_request, reply) => sendPage(reply));
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      const wantsHtml = (request.headers.accept ?? '').includes('text/html');
      if (NOT_CONSOLE.test(path) || !wantsHtml) return reply.callNotFound();
      return sendPage(reply);
    });
  };
}
