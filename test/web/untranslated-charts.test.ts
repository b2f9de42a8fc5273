/**
 * The zh-CN untranslated-text check reads the words drawn inside SVG images (the portfolio charts arrive as blob:
 * URLs of server-drawn SVGs): a chart drawn in English is reported word by word, the same chart in Chinese is not.
 */
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
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** A page holding one chart as the console shows it: an <img> of a blob: URL, its alt in Chinese. */
async function wordsOfPageWith(svg: string): Promise<string[]> {
  const page = await browser.newPage();
  try {
    await page.setContent('<html lang="zh-CN"><body><figure id="chart"></figure></body></html>');
    await page.evaluate(`(async () => {
      const img = new Image(820, 440);
      img.alt = '逾期滚动率';
      img.src = URL.createObjectURL(new Blob([${JSON.stringify(svg)}], { type: 'image/svg+xml' }));
      await img.decode();
      document.getElementById('chart').append(img);
    })()`);
    return await englishWords(page);
  } finally {
    await page.close();
  }
}

describe.runIf(chromiumAvailable())('untranslated text inside chart images', () => {
  it('reports the English words of an English chart and none of the Chinese one', async () => {
    const m = rollRateMatrix(book);
    const en = await wordsOfPageWith(rollRateChart(m, 'en'));
    expect(en.some((w) => w.startsWith('Roll ') && w.endsWith('(body>figure>img@svg)'))).toBe(true);
    expect(en.some((w) => w.startsWith('current '))).toBe(true);
    expect(await wordsOfPageWith(rollRateChart(m, 'zh-CN'))).toEqual([]);
  }, 60_000);
});
