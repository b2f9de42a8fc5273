/**
 * `npm run bench -- console [--applications N] [--seed S] [--runs R] [--json]`: the web console as a person meets
 * it, on a node with the demo book (small by default: 1,600 applications and the starter program put live, as the
 * browser tests use), in Debian's chromium through playwright-core, in Chinese and in English. Per language and run,
 * in a fresh browser profile (empty cache): the first load (the sign-in page's `load` event and the time until it can
 * be used), sign-in to a filled overview, then each page from navigation to its content on screen (heading shown,
 * nothing busy or loading), with cumulative layout shift per page; the slowest page is named. The bundle is measured
 * from dist/web: the script and style the first page loads, gzipped, and each chunk loaded later.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/config/index.js';
import { createKeyRing } from '../src/core/index.js';
import { decisionCatalog } from '../src/catalog/index.js';
import { ensureDemoPeople, loadDemoBook } from '../src/demo/index.js';
import { applyProgram, readProgram, starterProgramDir } from '../src/programs/index.js';
import { startNode } from '../src/server/index.js';
import { flagValue, median, type Bench, type BenchResult } from './lib.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
];

/** The pages of the console, each with its heading in both languages and what shows its content is there. */
const PAGES = [
  { path: '/decisions', heading: { 'zh-CN': '决策记录', 'en-GB': 'Decisions' }, ready: 'table tbody tr' },
  { path: '/cases', heading: { 'zh-CN': '人工审核', 'en-GB': 'Review cases' }, ready: 'table thead' },
  { path: '/flows', heading: { 'zh-CN': '规则与决策流', 'en-GB': 'Rules & flows' }, ready: 'table tbody tr' },
  { path: '/lists', heading: { 'zh-CN': '名单', 'en-GB': 'Lists' }, ready: 'table thead' },
  { path: '/models', heading: { 'zh-CN': '模型', 'en-GB': 'Models' }, ready: 'table tbody tr' },
  { path: '/graph', heading: { 'zh-CN': '关联图谱', 'en-GB': 'Fraud graph' }, ready: '.graph-canvas[data-nodes]' },
  { path: '/portfolio', heading: { 'zh-CN': '资产质量', 'en-GB': 'Portfolio' }, ready: '.portfolio-chart img' },
  { path: '/triggers', heading: { 'zh-CN': '贷后预警规则', 'en-GB': 'Post-loan triggers' }, ready: '.editor' },
] as const;
const LANGS = [
  { locale: 'zh-CN', overview: '总览', apiKey: 'API 密钥', signIn: '登录' },
  { locale: 'en-GB', overview: 'Overview', apiKey: 'API key', signIn: 'Sign in' },
] as const;

/** The first page's script and style (from index.html) and the lazily loaded chunks, raw and gzipped. */
function bundle(dir: string): BenchResult[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const first = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const size = (files: string[]) =>
    files.reduce(
      (acc, f) => {
        const b = readFileSync(join(dir, f));
        return { raw: acc.raw + b.length, gz: acc.gz + gzipSync(b, { level: 9 }).length };
      },
      { raw: 0, gz: 0 },
    );
  const js = size(first.filter((f) => f.endsWith('.js')));
  const css = size(first.filter((f) => f.endsWith('.css')));
  const lazy = readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.js') && !first.includes(`assets/${f}`))
    .map((f) => ({ f, ...size([`assets/${f}`]) }))
    .sort((a, b) => b.gz - a.gz);
  const kb = (n: number) => Math.round(n / 102.4) / 10;
  return [
    {
      subject: 'bundle',
      case: 'first load script',
      metric: 'gzipped',
      value: kb(js.gz),
      unit: 'kB',
      note: `${kb(js.raw)} kB raw`,
    },
    {
      subject: 'bundle',
      case: 'first load style',
      metric: 'gzipped',
      value: kb(css.gz),
      unit: 'kB',
      note: `${kb(css.raw)} kB raw`,
    },
    ...lazy.slice(0, 4).map((c) => ({
      subject: 'bundle',
      case: `lazy chunk ${c.f.replace(/-[A-Za-z0-9_-]{8}\.js$/, '')}`,
      metric: 'gzipped',
      value: kb(c.gz),
      unit: 'kB',
      note: `${kb(c.raw)} kB raw`,
    })),
  ];
}

export const run: Bench = async ({ args, log }) => {
  if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM} (apt-get install chromium, or CHROMIUM_PATH)`);
  const webDir = resolve('dist', 'web');
  if (!existsSync(join(webDir, 'index.html'))) throw new Error('dist/web is missing: npm run build first');
  const applications = Number(flagValue(args, '--applications') ?? 1_600);
  const runs = Number(flagValue(args, '--runs') ?? 2);
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-bench-console-'));
  const config = loadConfig({ RISKLOOP_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn' });
  const node = await startNode(config, { listen: false });
  const results: BenchResult[] = [...bundle(webDir)];
  try {
    log(`demo book: ${applications} applications`);
    const people = await ensureDemoPeople(node.store, 'demo');
    const program = readProgram(starterProgramDir());
    // a small book trains on fewer rows than the full demo's floors (as the browser tests do)
    if (applications < 20_000) program.manifest.training = { ...program.manifest.training, minRows: 100, minBads: 3 };
    await loadDemoBook({
      store: node.store,
      keyRing: createKeyRing(config.masterKey),
      consortiumKey: config.consortiumKey,
      decisions: node.decisions,
      dataDir: dir,
      applications,
      seed: Number(flagValue(args, '--seed') ?? 7),
      program: async (asOf) => {
        await applyProgram({
          store: node.store,
          tenantId: 'demo',
          catalog: decisionCatalog(),
          policy: node.policy,
          triggers: node.monitoring.triggers,
          refreshModels: () => node.models.refresh('demo'),
          program,
          ...people,
          asOf,
        });
      },
    });
    const url = await node.app.listen({ host: '127.0.0.1', port: 0 });
    // what `riskloop serve` does after listening: graph, rings, cases and the portfolio book built ahead
    await node.warmUp();
    const key = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'admin' })).secret;

    for (const lang of LANGS) {
      const samples: Record<string, { ms: number[]; cls: number[] }> = {};
      const add = (name: string, ms: number, cls: number) => {
        const s = (samples[name] ??= { ms: [], cls: [] });
        s.ms.push(ms);
        s.cls.push(cls);
      };
      for (let r = 0; r < runs; r++) {
        const profile = mkdtempSync(join(tmpdir(), 'riskloop-bench-chromium-'));
        const context = await chromium.launchPersistentContext(profile, {
          executablePath: CHROMIUM,
          headless: true,
          args: ARGS,
          baseURL: url,
          viewport: { width: 1360, height: 900 },
          locale: lang.locale,
          timezoneId: 'Asia/Shanghai',
        });
        context.setDefaultTimeout(60_000);
        await context.addInitScript(
          `window.__cls = 0;
           new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
             .observe({ type: 'layout-shift', buffered: true });`,
        );
        const page = context.pages()[0] ?? (await context.newPage());
        const cls = async () => Number(await page.evaluate('window.__cls'));
        const settled = async (heading: string, ready: string) => {
          await page.getByRole('heading', { name: heading, exact: true, level: 1 }).waitFor();
          await page.locator(ready).first().waitFor();
          await page.waitForFunction(
            `!document.querySelector('[aria-busy="true"]') &&
             ![...document.querySelectorAll('p.muted')].some((p) => /^(Loading…|加载中…)$/.test(p.textContent.trim()))`,
          );
        };
        try {
          // first load: the page's load event, then the sign-in form ready to type in
          const t0 = Date.now();
          await page.goto('/', { waitUntil: 'load' });
          const loadEvent = Math.round(
            Number(await page.evaluate(`performance.getEntriesByType('navigation')[0].loadEventEnd`)),
          );
          await page.getByLabel(lang.apiKey, { exact: true }).waitFor();
          add('first load: page load event', loadEvent, 0);
          add('first load: sign-in usable', Date.now() - t0, await cls());
          await page.getByLabel(lang.apiKey, { exact: true }).fill(key);
          const t1 = Date.now();
          await page.getByRole('button', { name: lang.signIn, exact: true }).click();
          await settled(lang.overview, '[data-testid="trends"] svg');
          add('sign-in to overview', Date.now() - t1, await cls());
          for (const p of PAGES) {
            // each page from a fresh document, as a link opened in a new tab would (cache warm, layout shift reset)
            const t = Date.now();
            await page.goto(p.path);
            await settled(p.heading[lang.locale], p.ready);
            add(p.path, Date.now() - t, await cls());
          }
        } finally {
          await context.close();
          rmSync(profile, { recursive: true, force: true });
        }
        log(`${lang.locale} run ${r + 1}/${runs} done`);
      }
      const pages = Object.entries(samples).filter(([k]) => k.startsWith('/'));
      const slowest = pages.sort((a, b) => median(b[1].ms) - median(a[1].ms))[0]!;
      for (const [name, s] of Object.entries(samples)) {
        results.push({
          subject: `console ${lang.locale}`,
          case: name,
          metric: 'content on screen',
          value: median(s.ms),
          unit: 'ms',
          note: `min ${Math.min(...s.ms)}, max ${Math.max(...s.ms)}`,
        });
        if (!name.startsWith('first load: page'))
          results.push({
            subject: `console ${lang.locale}`,
            case: name,
            metric: 'CLS',
            value: Math.max(...s.cls),
            unit: 'score',
          });
      }
      results.push({
        subject: `console ${lang.locale}`,
        case: `slowest page ${slowest[0]}`,
        metric: 'content on screen',
        value: median(slowest[1].ms),
        unit: 'ms',
      });
    }
  } finally {
    await node.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
};
