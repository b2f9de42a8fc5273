/**
 * The console parts of the loop's wires in a real browser (Debian chromium through playwright-core) against a real
 * node: edit the post-loan triggers with an authoring error and its fix, save, backtest on the event history and
 * publish; the monitor then raises the tenant's own trigger.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { consoleBuilt } from './console-build.js';
import { loadConfig } from '../../src/config/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';
import { chromiumAvailable, launch, type Browser } from './browser.js';
import { caller } from './seed.js';

const ADMIN_KEY = 'rk_wires_console_admin_0123456789abcdef';
const available = chromiumAvailable();

describe.skipIf(!available && process.env.CI !== 'true')(
  'console: the loop’s wires in chromium',
  { timeout: 60_000 },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'riskloop-wires-console-'));
    let node: RunningNode;
    let b: Browser;
    // two people: the console is signed in as one, the second pair of eyes is the other
    let consoleKey: string;
    let secondKey: string;
    const call = () => caller(node.url, secondKey);
    let n = 0;
    const loans = (borrowerId: string, days: number[]) =>
      days.map((day, i) => ({
        eventId: `evt-${++n}`,
        tenantId: 'demo',
        borrowerId,
        occurredAt: `2026-10-${String(day).padStart(2, '0')}T10:00:00Z`,
        type: 'consortium',
        kind: 'loan',
        memberId: `member-${i}`,
      }));

    beforeAll(async () => {
      await consoleBuilt();
      const config = loadConfig({
        RISKLOOP_DATA_DIR: dir,
        PORT: '0',
        RISKLOOP_BOOTSTRAP_API_KEY: ADMIN_KEY,
        LOG_LEVEL: 'warn',
      });
      node = await startNode({ ...config, store: { kind: 'pglite' } });
      consoleKey = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'admin', ownerUserId: 'usr_console' }))
        .secret;
      secondKey = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'admin', ownerUserId: 'usr_second' }))
        .secret;
      // history for the backtest: two loans elsewhere within a month, which the stock triggers let pass
      expect((await call()('POST', '/v1/events', { events: loans('b-history', [1, 6]) })).status).toBe(202);
      await node.monitoring.idle();
      b = await launch(node.url);
      await b.page.goto('/');
      await b.page.getByLabel('API key', { exact: true }).fill(consoleKey);
      await b.page.getByRole('button', { name: 'Sign in' }).click();
      await b.page.getByRole('heading', { name: 'Overview' }).waitFor();
    }, 180_000);

    afterEach(async (ctx) => {
      if (ctx.task.result?.state === 'fail')
        await b?.shot(`FAILED-wires-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
    });
    afterAll(async () => {
      await b?.close();
      await node?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('edits the triggers with an error inline, fixes it, saves, backtests on history and publishes', async () => {
      const { page } = b;
      await page.locator('body').press('g');
      await page.locator('body').press('t');
      await page.getByRole('heading', { name: 'Post-loan triggers' }).waitFor();
      expect(await page.getByText('live: stock triggers').count()).toBe(1);
      await expect.poll(() => page.getByTestId('problems').textContent()).toContain('No authoring error');
      expect(await b.unlabelled()).toEqual([]);

      const line = page.locator('.cm-line', { hasText: 'consortium.loans_7d >= 3' });
      await line.click();
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type(`when: event.kind == 'loan' and consortium.loans_30 >= 2`);
      await expect.poll(() => page.getByTestId('problems').textContent()).toContain('consortium.loans_30d');
      await page.locator('.cm-lintRange-error').first().waitFor();
      expect(await page.getByRole('button', { name: 'Save draft' }).isDisabled()).toBe(true);
      await b.shot('triggers-error');

      await page.locator('.cm-line', { hasText: 'consortium.loans_30 >= 2' }).click();
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type(`when: event.kind == 'loan' and consortium.loans_30d >= 2`);
      await expect.poll(() => page.getByTestId('problems').textContent()).toContain('No authoring error');

      await page.getByLabel('Why (kept in the audit log)').fill('two loans elsewhere in a month is enough');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.getByText('Saved draft version 1.').waitFor();
      await page.getByRole('button', { name: 'Backtest on history' }).click();
      await page.getByTestId('trigger-backtest').waitFor();
      const report = await page.getByTestId('trigger-backtest').textContent();
      expect(report).toContain('2 events of 1 borrowers');
      expect(report).toContain('Borrowers alerted only by this version: 1');
      await b.shot('triggers-backtest');

      // four eyes: the person who wrote the version cannot put it live; the console says so, a second person does
      b.allowed.push(/^HTTP 403 POST \/v1\/monitoring\/triggers\/versions\/1\/publish/);
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByText(/other than its author/).waitFor();
      await b.shot('triggers-four-eyes');
      const pub = await call()('POST', '/v1/monitoring/triggers/versions/1/publish', {
        comment: 'second pair of eyes',
      });
      expect(pub.status).toBe(200);
      const live = (await call()('GET', '/v1/monitoring/triggers')).json as { version: number };
      expect(live.version).toBe(1);
      await call()('POST', '/v1/events', { events: loans('b-live', [1, 6]) });
      await node.monitoring.idle();
      const alerts = (await call()('GET', '/v1/alerts?borrowerId=b-live')).json as {
        items: Array<{ triggerId: string }>;
      };
      expect(alerts.items.map((a) => a.triggerId)).toEqual(['multi_borrowing_7d']);
      expect(b.violations).toEqual([]);
    });
  },
);
