/**
 * The console as a risk team sees it on the (small) demo book with the published starter program, in Chinese and
 * in English: every page shows real content — chart images that decode, charts with data, tables with rows, a
 * graph with nodes and edges, no error box. It takes the README's screenshots (docs/screenshots/, with
 * RISKLOOP_SCREENSHOTS=docs) and logs first-load and per-page timings and layout shift.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleBuilt } from './console-build.js';
import { startSmallDemo, type SmallDemo } from '../support/small-demo.js';
import { sampleApplication } from '../support/applications.js';
import { residentIdCheck } from '../../src/core/index.js';
import { ARTIFACTS, chromiumAvailable, launch, type Browser } from './browser.js';
import { englishWords } from './untranslated.js';

const available = chromiumAvailable();
/** What the test reads of an <img> in the page (the test itself has no DOM types). */
type Img = { complete: boolean; naturalWidth: number; naturalHeight: number; alt: string };
/** What the test reads of any element in the page. */
type El = { getAttribute(name: string): string | null; querySelectorAll(selector: string): { length: number } };
const DOCS = resolve('docs', 'screenshots');

/** Text every page must show once loaded, per language (the first visit's language comes from the browser). */
const LANGS = [
  {
    locale: 'zh-CN',
    signIn: '登录',
    apiKey: 'API 密钥',
    pages: {
      overview: '总览',
      decisions: '决策记录',
      cases: '人工审核',
      graph: '关联图谱',
      models: '模型',
      portfolio: '资产质量',
      flows: '规则与决策流',
      flow: '决策流 starter',
      lists: '名单',
      triggers: '贷后预警规则',
    },
    approve: '通过',
    rejectInference: '拒绝推断',
  },
  {
    locale: 'en-GB',
    signIn: 'Sign in',
    apiKey: 'API key',
    pages: {
      overview: 'Overview',
      decisions: 'Decisions',
      cases: 'Review cases',
      graph: 'Fraud graph',
      models: 'Models',
      portfolio: 'Portfolio',
      flows: 'Rules & flows',
      flow: 'Flow starter',
      lists: 'Lists',
      triggers: 'Post-loan triggers',
    },
    approve: 'approve',
    rejectInference: 'Reject inference',
  },
] as const;

describe.skipIf(!available && process.env.CI !== 'true')('console on the demo book', { timeout: 120_000 }, () => {
  let demo: SmallDemo;
  let key: string;
  let decider: string;
  const timings: string[] = [];
  let reviewed = false;
  /**
   * The small book's starter program sends none of its applications to review: six new applicants arrive through
   * the live decision API, each with a sign the program sends to review (the applicant's own phone as the emergency
   * contact, or a virtual-operator phone), so the review queue has cases to order. Sent after the first language
   * took the overview's screenshot, so the README's trends show the book, not this week's six.
   */
  async function sendToReview() {
    if (reviewed) return;
    reviewed = true;
    for (let i = 0; i < 6; i++) {
      const first17 = `11010119900307${String(500 + i * 7).padStart(3, '0')}`;
      const phone =
        i % 2 ? `1700555${String(1000 + i).padStart(4, '0')}` : `1391555${String(1000 + i).padStart(4, '0')}`;
      const base = sampleApplication();
      const application = sampleApplication({
        applicationId: `DEMO-REVIEW-${i}`,
        amount: 3_000 + i * 4_000,
        submittedAt: new Date().toISOString(),
        applicant: {
          ...base.applicant,
          nationalId: first17 + residentIdCheck(first17),
          phone,
          email: `applicant${i}@example.com`,
          bankCard: `62220202001122${String(30000 + i)}`,
          emergencyContacts: [{ name: 'Wang Fang', phone: i % 2 ? '13700001111' : phone, relation: 'spouse' }],
        },
        device: { deviceId: `dev-review-${i}`, platform: 'android', emulator: false, rooted: false, proxy: false },
      });
      const res = await fetch(`${demo.node.url}/v1/decisions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${decider}`, 'content-type': 'application/json' },
        body: JSON.stringify(application),
      });
      expect(res.status, await res.clone().text()).toBe(200);
    }
  }

  beforeAll(async () => {
    await consoleBuilt();
    demo = await startSmallDemo('console-demo', 7);
    demo.node.url = await demo.node.app.listen({ host: '127.0.0.1', port: 0 });
    // graph, rings, cases and the portfolio book built ahead, as `riskloop serve` does after listening
    await demo.node.warmUp();
    key = (await demo.node.store.apiKeys.create({ tenantId: 'demo', role: 'admin', ownerUserId: 'usr_risk_team' }))
      .secret;
    decider = (await demo.node.store.apiKeys.create({ tenantId: 'demo', role: 'decision' })).secret;
  }, 240_000);

  afterAll(async () => {
    console.log(timings.join('\n'));
    await demo?.close();
  });

  for (const lang of LANGS) {
    it(`shows every page with real content in ${lang.locale}`, async () => {
      const b: Browser = await launch(demo.node.url, { locale: lang.locale, timezoneId: 'Asia/Shanghai' });
      const { page } = b;
      const shots = lang.locale === 'zh-CN';
      /**
       * The top of the page as a reader of the README sees it (1200×750): a PNG under 150 kB, else (a dense graph)
       * a JPEG at quality 80, which is.
       */
      const shot = async (name: string) => {
        const clip = { x: 0, y: 0, width: 1200, height: 750 };
        let file = join(ARTIFACTS, `demo-${lang.locale}-${name}.png`);
        await page.screenshot({ path: file, clip });
        if (statSync(file).size > 150_000) {
          file = join(ARTIFACTS, `demo-${lang.locale}-${name}.jpg`);
          await page.screenshot({ path: file, clip, type: 'jpeg', quality: 80 });
        }
        const size = statSync(file).size;
        expect(size, `${name} is ${size} bytes`).toBeLessThanOrEqual(150_000);
        if (shots && process.env.RISKLOOP_SCREENSHOTS === 'docs') {
          mkdirSync(DOCS, { recursive: true });
          copyFileSync(file, join(DOCS, `${name}${extname(file)}`));
        }
        return size;
      };
      /** Waits for the page's heading and for every table and tile to be filled; no error box. */
      const settled = async (heading: string) => {
        await page.getByRole('heading', { name: heading, exact: true, level: 1 }).waitFor();
        await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
        await expect.poll(() => page.getByText(/^(Loading…|加载中…)$/).count()).toBe(0);
      };
      const noErrorBox = async (where: string) =>
        expect(await page.locator('[role="alert"]').allTextContents(), where).toEqual([]);
      /** In Chinese, English words left in the page (see untranslated.ts for what is not a word to translate). */
      const leftovers: string[] = [];
      const allChinese = async (where: string) => {
        if (!shots) return;
        for (const w of await englishWords(page)) leftovers.push(`${where}: ${w}`);
      };
      try {
        // first visit: the browser's language, then the overview after signing in
        const t0 = Date.now();
        await page.goto('/');
        await page.getByLabel(lang.apiKey, { exact: true }).fill(key);
        const signInMs = Date.now() - t0;
        expect(await page.locator('html').getAttribute('lang')).toBe(lang.locale === 'zh-CN' ? 'zh-CN' : 'en');
        const t1 = Date.now();
        await page.getByRole('button', { name: lang.signIn, exact: true }).click();
        await settled(lang.pages.overview);
        await page.locator('.tile dd').first().waitFor();
        const overviewMs = Date.now() - t1;

        // overview: rates and drift from the book, the hourly chart and the demo report
        const tiles = await page.locator('.tile dd').allTextContents();
        expect(
          tiles.filter((x) => x.includes('—')),
          tiles.join(' | '),
        ).toEqual([]);
        expect(tiles.join(' ')).not.toMatch(/unknown|数据不足/);
        expect(await page.locator('.chart svg rect').count()).toBeGreaterThan(0);
        await expect.poll(() => page.locator('.card table tbody tr').count()).toBeGreaterThan(3);
        // trends: score, approval and fraud held back over the book's year, each a line with points
        const trends = page.getByTestId('trends').locator('svg[data-points]');
        await expect.poll(() => trends.count()).toBe(3);
        for (const n of await trends.evaluateAll((svgs) =>
          svgs.map((x) => Number((x as unknown as El).getAttribute('data-points'))),
        ))
          expect(n).toBeGreaterThan(5); // scores exist from the program's months on
        await noErrorBox('overview');
        await allChinese('overview');
        await shot('overview');
        const cls: Record<string, number> = { overview: await b.cls() };
        const pageMs: Record<string, number> = { overview: overviewMs };

        const visit = async (path: string, heading: string) => {
          const t = Date.now();
          await page.goto(path);
          try {
            await settled(heading);
          } catch (e) {
            // once in a loaded full-suite run a page's heading did not show within 20 s: say what the page showed
            // instead (in the log), then load it once more — a page that fails twice fails the test
            const shown = (
              await page
                .locator('body')
                .innerText()
                .catch(() => '')
            ).slice(0, 400);
            console.warn(`${lang.locale} ${path}: ${(e as Error).message.split('\n')[0]}; the page showed: ${shown}`);
            await page.goto(path);
            await settled(heading);
          }
          pageMs[path] = Date.now() - t;
        };

        // decisions: rows with scores, and the newest decision's reasons
        await visit('/decisions', lang.pages.decisions);
        const rows = page.locator('table tbody tr');
        expect(await rows.count()).toBeGreaterThan(10);
        const scores = await page.locator('table tbody td.num').allTextContents();
        expect(scores.filter((s) => /\d/.test(s)).length).toBeGreaterThan(scores.length / 2);
        expect(await page.locator('.badge').first().textContent()).toMatch(/通过|人工审核|拒绝|approve|review|decline/);
        await noErrorBox('decisions');
        await allChinese('decisions');
        // a declined application: its reasons, localised titles beside stable codes
        await page.goto('/decisions?outcome=decline');
        await settled(lang.pages.decisions);
        const t2 = Date.now();
        await rows.first().getByRole('link').click();
        await page.getByTestId('reasons').waitFor();
        pageMs['/decisions/:id'] = Date.now() - t2;
        expect(await page.getByTestId('reasons').locator('tbody tr').count()).toBeGreaterThan(0);
        await page.waitForTimeout(200);
        cls.decision = await b.cls();
        await noErrorBox('decision');
        await allChinese('decision');
        await shot('decision');

        // review cases: the queue has rows
        await sendToReview();
        await visit('/cases', lang.pages.cases);
        // as many rows as the API has open cases (the demo's starter program sends few applications to review)
        const open = (await (
          await fetch(`${demo.node.url}/v1/cases?status=open&limit=100`, {
            headers: { authorization: `Bearer ${key}` },
          })
        ).json()) as { items: unknown[] };
        expect(await page.locator('table tbody tr').count()).toBe(open.items.length);
        // riskiest first: priority down, then score up (unscored last), then the oldest first; every case says why
        const queue = await page
          .getByTestId('case-queue')
          .locator('tbody tr')
          .evaluateAll((rows) =>
            (rows as unknown as El[]).map((tr) => ({
              priority: Number(tr.getAttribute('data-priority')),
              score: tr.getAttribute('data-score') ? Number(tr.getAttribute('data-score')) : Infinity,
              opened: Date.parse(tr.getAttribute('data-opened') ?? ''),
              reasons: tr.querySelectorAll('[data-testid="case-reasons"] li').length,
            })),
          );
        expect(queue.length).toBeGreaterThan(1);
        for (let i = 1; i < queue.length; i++) {
          const [a, c] = [queue[i - 1]!, queue[i]!];
          const inOrder =
            a.priority > c.priority ||
            (a.priority === c.priority && (a.score < c.score || (a.score === c.score && a.opened <= c.opened)));
          expect(inOrder, `row ${i}: ${JSON.stringify(a)} before ${JSON.stringify(c)}`).toBe(true);
        }
        expect(queue.filter((q) => q.reasons === 0)).toEqual([]);
        await noErrorBox('cases');
        await allChinese('cases');
        // one case, its reasons and history
        await page.getByTestId('case-queue').locator('tbody tr').first().getByRole('link').click();
        await page.getByTestId('history').waitFor();
        await noErrorBox('case');
        await allChinese('case');

        // fraud graph: opens on the largest ring, drawn with nodes and edges
        await visit('/graph', lang.pages.graph);
        await page.getByTestId('largest-rings').waitFor();
        expect(await page.getByTestId('largest-rings').locator('li').count()).toBeGreaterThan(0);
        const canvas = page.locator('.graph-canvas[data-nodes]');
        await expect.poll(async () => Number(await canvas.getAttribute('data-nodes'))).toBeGreaterThan(2);
        expect(Number(await canvas.getAttribute('data-edges'))).toBeGreaterThan(1);
        expect(await page.getByTestId('graph-nodes').locator('tbody tr').count()).toBeGreaterThan(2);
        await noErrorBox('graph');
        await allChinese('graph');
        await shot('ring');
        cls.graph = await b.cls();

        // models: the starter scorecard's report with its curves
        await visit('/models', lang.pages.models);
        await page
          .getByRole('button', { name: /^starter-scorecard@/ })
          .first()
          .click();
        const report = page.locator('section[aria-labelledby="model-report-h"]');
        await report.locator('.tile dd').first().waitFor();
        await expect.poll(async () => (await report.locator('.tile dd').first().textContent()) ?? '').toMatch(/0\.\d/);
        // the starter scorecard is trained with reject inference: its section, in the reader's language
        await expect
          .poll(() => report.getByRole('heading', { name: lang.rejectInference, exact: true }).count())
          .toBe(1);
        await noErrorBox('models');
        await allChinese('models');
        await report.scrollIntoViewIfNeeded();
        await shot('model-report');

        // portfolio: four chart images that decode with a size, tables filled
        await visit('/portfolio', lang.pages.portfolio);
        const images = page.locator('.portfolio-chart img');
        await expect.poll(() => images.count()).toBe(4);
        await expect
          .poll(() =>
            images.evaluateAll((imgs) =>
              (imgs as unknown as Img[]).every((i) => i.complete && i.naturalWidth > 0 && i.naturalHeight > 0),
            ),
          )
          .toBe(true);
        for (const title of await images.evaluateAll((imgs) => imgs.map((i) => (i as unknown as Img).alt)))
          expect(title.length).toBeGreaterThan(2);
        await noErrorBox('portfolio');
        await allChinese('portfolio');
        cls.portfolio = await b.cls();
        await shot('portfolio');

        // the pages an analyst writes policy in: flows and the starter flow's editor, lists, triggers
        for (const [path, heading, ready] of [
          ['/flows', lang.pages.flows, 'table tbody tr'],
          ['/flows/starter', lang.pages.flow, '[data-testid="problems"] .ok'],
          ['/lists', lang.pages.lists, 'table tbody tr'],
          ['/triggers', lang.pages.triggers, 'main section'],
        ] as const) {
          await visit(path, heading);
          await page.locator(ready).first().waitFor();
          await noErrorBox(path);
          await allChinese(path);
        }
        expect(leftovers, leftovers.join('\n')).toEqual([]);

        const slowest = Object.entries(pageMs).sort((a, c) => c[1] - a[1])[0]!;
        timings.push(
          `${lang.locale}: sign-in page ${signInMs} ms, sign-in to overview ${overviewMs} ms; slowest page ` +
            `${slowest[0]} ${slowest[1]} ms; pages ${JSON.stringify(pageMs)}; CLS ${JSON.stringify(
              Object.fromEntries(Object.entries(cls).map(([k, v]) => [k, Number(v.toFixed(4))])),
            )}`,
        );
        for (const v of Object.values(cls)) expect(v).toBeLessThan(0.1);
        expect(b.violations, b.violations.join('\n')).toEqual([]);
      } catch (e) {
        await page.screenshot({ path: join(ARTIFACTS, `demo-${lang.locale}-FAILED.png`), fullPage: true });
        throw e;
      } finally {
        await b.close();
      }
    });
  }
});
