/**
 * The zh-CN untranslated-text check reads the words drawn inside the portfolio charts (an <img data-chart> of a
 * server-drawn SVG, asked again of the API in the page's language): a chart drawn in English is reported word by
 * word, the same chart in Chinese is not. A small server stands in for the node's chart route.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { rollRateChart, rollRateMatrix, toMonth } from '../../src/monitoring/index.js';
import { CHROMIUM, chromiumAvailable } from './browser.js';
import { englishWords } from './untranslated.js';

const book = {
  loans: 2,
  months: 2,
  firstMonth: toMonth('2024-01'),
  originMonth: Int32Array.of(toMonth('2024-01'), toMonth('2024-01')),
  bucket: Uint8Array.of(0, 1, 1, 0),
};

let browser: Browser;
let server: Server;
let base = '';
/** What the stand-in node draws for any language asked (an English chart, or the Chinese one). */
let drawn: 'en' | 'zh-CN' = 'en';
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/v1/portfolio/rollrate.svg')) {
      asked.push(req.url);
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      res.end(rollRateChart(rollRateMatrix(book), drawn));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      '<html lang="zh-CN"><body><figure><img data-chart="rollrate.svg" alt="逾期滚动率" width="820" height="440" ' +
        'src="/v1/portfolio/rollrate.svg?lang=zh-CN"></figure></body></html>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function wordsOfPage(): Promise<string[]> {
  const page = await browser.newPage();
  try {
    await page.goto(`${base}/portfolio`);
    return await englishWords(page);
  } finally {
    await page.close();
  }
}

describe.runIf(chromiumAvailable())('untranslated text inside chart images', () => {
  it('reports the English words of an English chart and none of the Chinese one', async () => {
    drawn = 'en';
    const en = await wordsOfPage();
    expect(en.some((w) => w.startsWith('Roll ') && w.endsWith('(img[data-chart=rollrate.svg]@svg)'))).toBe(true);
    expect(en.some((w) => w.startsWith('current '))).toBe(true);
    expect(asked.at(-1)).toBe('/v1/portfolio/rollrate.svg?lang=zh-CN'); // asked in the page's language
    drawn = 'zh-CN';
    expect(await wordsOfPage()).toEqual([]);
  }, 60_000);
});
