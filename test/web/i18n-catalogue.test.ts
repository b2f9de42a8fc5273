/**
 * The console's message catalogues: every key in both languages with the same placeholders, and every key a page
 * asks for (t('…') with a literal key, found in the source) present in both. Fails on a key missing in either.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/web/i18n/en.js';
import { zhCN } from '../../src/web/i18n/zh-CN.js';
import { CHART_WORDING } from '../../src/i18n/index.js';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else flatten(v, key, out);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const tags = (s: string) => [...s.matchAll(/<(\d+)>/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

const EN = flatten(en as unknown as Tree);
const ZH = flatten(zhCN as unknown as Tree);

describe('console message catalogues', () => {
  it('has every key in both languages', () => {
    expect(
      [...EN.keys()].filter((k) => !ZH.has(k)),
      'missing in zh-CN',
    ).toEqual([]);
    expect(
      [...ZH.keys()].filter((k) => !EN.has(k)),
      'missing in English',
    ).toEqual([]);
    expect(
      [...EN, ...ZH].filter(([, v]) => v.trim() === '').map(([k]) => k),
      'empty',
    ).toEqual([]);
  });

  it('keeps the placeholders and markup of each message', () => {
    for (const [k, v] of EN) {
      expect(placeholders(ZH.get(k)!), k).toEqual(placeholders(v));
      expect(tags(ZH.get(k)!), k).toEqual(tags(v));
    }
  });

  it('is Chinese in zh-CN: the risk terms a Chinese risk team reads', () => {
    const words = [...ZH.values()].join('\n');
    for (const term of ['通过', '拒绝', '人工审核', '逾期', 'M1–M6', '多头借贷', '团伙']) expect(words).toContain(term);
    // beyond names and codes (riskloop, p50, DPD) no message is left in English
    const untranslated = [...ZH].filter(([k, v]) => v === EN.get(k) && /[a-z]{3}/i.test(v) && k !== 'app.name');
    expect(untranslated).toEqual([]);
  });

  it('has every key a page asks for, in both languages', () => {
    const asked = new Set<string>();
    const prefixes = new Set<string>();
    for (const file of sources(join('src', 'web'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) asked.add(m[1]!);
      for (const m of text.matchAll(/i18nKey="([a-zA-Z0-9_.]+)"/g)) asked.add(m[1]!);
      // t(`nav.${x}`): the part before the placeholder must be a group in both catalogues
      for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g)) prefixes.add(m[1]!);
    }
    expect(asked.size).toBeGreaterThan(100);
    const missing = [...asked].filter((k) => !EN.has(k) || !ZH.has(k));
    expect(missing).toEqual([]);
    for (const p of prefixes) {
      expect(
        [...EN.keys()].some((k) => k.startsWith(`${p}.`)),
        p,
      ).toBe(true);
      expect(
        [...ZH.keys()].some((k) => k.startsWith(`${p}.`)),
        p,
      ).toBe(true);
    }
  });

  it("has the server's chart words (drawn inside the portfolio SVGs) in both languages, the same placeholders", () => {
    const en = new Map(Object.entries(CHART_WORDING.en));
    const zh = new Map(Object.entries(CHART_WORDING['zh-CN']));
    expect(
      [...en.keys()].filter((k) => !zh.has(k)),
      'chart words missing in zh-CN',
    ).toEqual([]);
    expect(
      [...zh.keys()].filter((k) => !en.has(k)),
      'chart words missing in English',
    ).toEqual([]);
    for (const [k, v] of en) {
      expect(zh.get(k)!.trim(), k).not.toBe('');
      expect(placeholders(zh.get(k)!), k).toEqual(placeholders(v));
      // no English left in the Chinese words (bucket codes M1–M6 are the industry's own)
      expect(zh.get(k)!.replace(/\{\{\s*\w+\s*\}\}/g, ''), k).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});
