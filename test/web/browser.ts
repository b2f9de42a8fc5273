/**
 * Debian's chromium driven by playwright-core (no browser download): headless, fresh profile, no background
 * traffic. Screenshots go to test-artifacts/console/ (gitignored).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve('test-artifacts', 'console');

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  // WebGL through SwiftShader, so the sigma.js drawing runs too (the page falls back to SVG without it)
  '--enable-unsafe-swiftshader',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Content-security-policy violations and console errors seen so far. */
  violations: string[];
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export const chromiumAvailable = () => existsSync(CHROMIUM);

export async function launch(baseURL: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'riskloop-chromium-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    baseURL,
    viewport: { width: 1360, height: 900 },
  });
  context.setDefaultTimeout(10_000);
  const violations: string[] = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    // the session probe before sign-in answers 401 by design
    if (m.type() === 'error' && !/status of 401/.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
  await context.addInitScript(
    `document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));`,
  );
  let n = 0;
  return {
    context,
    page,
    violations,
    async shot(name) {
      n += 1;
      await page.screenshot({ path: join(ARTIFACTS, `${String(n).padStart(2, '0')}-${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
