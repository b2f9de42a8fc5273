/**
 * English left in a page the reader asked to see in Chinese: every visible text node (and placeholder, alt and
 * aria-label a person meets, and the words drawn inside the portfolio charts' SVG images) is split into tokens, and a token that is a plain English word of four letters or more
 * is reported with where it sits. What is not a word to translate is decided by the markup, not by a list of today's
 * leftovers:
 * - text inside `code`, `kbd`, `samp`, `pre` or `var` — codes, identifiers, feature names, YAML, keys;
 * - text inside an element whose `lang` is not Chinese — content declared to be in another language (the server's
 *   English authoring messages), or of unknown language (`lang=""`: what a person typed — a comment, a list
 *   entry's reason, a trigger's reasons — shown as written);
 * - text inside `translate="no"` — HTML's mark for what must not be translated (the brand, a tenant, flow or list
 *   name a person gave it);
 * - tokens that are identifiers by their shape (a digit, `_`, `-`, `.`, `@`, `/` or a camelCase hump in them) and
 *   acronyms (all capitals: PSI, AUC, YAML, CSV);
 * - the few terms of art a Chinese risk team writes in Latin letters (TERMS below).
 */
import type { Page } from 'playwright-core';

/** Written in Latin letters in Chinese risk practice (Gini coefficient). */
const TERMS = ['Gini'];

export async function englishWords(page: Page): Promise<string[]> {
  // runs in the page (a string: this project's TypeScript has no DOM types)
  const found = (await page.evaluate(`(() => {
    const EXEMPT = 'code, kbd, samp, pre, var, [translate="no"], script, style, noscript';
    const out = [];
    const foreign = (el) => {
      const holder = el?.closest('[lang]');
      if (!holder) return false;
      // lang="" declares the language unknown (what a person typed); any other non-Chinese lang is foreign
      return !(holder.getAttribute('lang') || '').toLowerCase().startsWith('zh');
    };
    const visible = (el) => {
      const e = el;
      if (e.closest('.sr-only')) return true; // read out by screen readers: still the page's words
      return e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
    };
    const where = (el) => {
      const parts = [];
      for (let e = el; e && parts.length < 3; e = e.parentElement)
        parts.unshift(
          e.tagName.toLowerCase() +
            (e.className && typeof e.className === 'string' ? \`.\${e.className.split(' ')[0]}\` : ''),
        );
      return parts.join('>');
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      if (el.closest(EXEMPT) || foreign(el) || !visible(el)) continue;
      out.push(\`\${n.textContent.trim()}\\u0000\${where(el)}\`);
    }
    for (const el of document.querySelectorAll('[placeholder], img[alt], [aria-label]')) {
      if (el.closest(EXEMPT) || foreign(el)) continue;
      for (const a of ['placeholder', 'alt', 'aria-label']) {
        const v = el.getAttribute(a);
        if (v) out.push(\`\${v}\\u0000\${where(el)}@\${a}\`);
      }
    }
    return out;
})()`)) as string[];
  found.push(...(await chartWords(page)));
  const words: string[] = [];
  for (const item of found) {
    const [text = '', at = ''] = item.split('\u0000');
    for (const raw of text.split(/[\s,;:()（），；：、·|—–"'“”‘’!?？！…]+/)) {
      const token = raw.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
      if (!/^[A-Za-z]{4,}$/.test(token)) continue; // digits, _-.@/ inside: an identifier
      if (/^[A-Z]+$/.test(token)) continue; // an acronym
      if (/[a-z][A-Z]/.test(token)) continue; // camelCase: an identifier
      if (TERMS.includes(token)) continue;
      words.push(`${token} in "${text.slice(0, 80)}" (${at})`);
    }
  }
  return [...new Set(words)];
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/**
 * The words drawn inside the portfolio charts: an <img> of a blob: URL, which the page's CSP (connect-src 'self') does
 * not let a script read again. So the chart is asked of the API once more, as the console asks it (its route and
 * the page's language, with the page's session cookie), and every <text> of the SVG is taken.
 */
async function chartWords(page: Page): Promise<string[]> {
  const asked = (await page.evaluate(`(() => {
    const lang = document.documentElement.lang || 'en';
    return [...document.querySelectorAll('img[data-chart]')]
      .filter((img) => img.getClientRects().length > 0)
      .map((img) => img.getAttribute('data-chart') + '\\u0000' + lang);
  })()`)) as string[];
  const out: string[] = [];
  for (const item of asked) {
    const [chart = '', lang = ''] = item.split('\u0000');
    const res = await page.request.get(new URL(`/v1/portfolio/${chart}?lang=${lang}`, page.url()).href);
    if (!res.ok()) throw new Error(`chart ${chart} in ${lang}: ${res.status()}`);
    for (const m of (await res.text()).matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)) {
      const text = m[1]!.replace(/<[^>]+>/g, '').replace(/&(\w+);/g, (e, name: string) => XML_ENTITIES[name] ?? e);
      if (text.trim()) out.push(`${text.trim()}\u0000img[data-chart=${chart}]@svg`);
    }
  }
  return out;
}
