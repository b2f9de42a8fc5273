import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableOrder, tableSpecs } from '../../src/population/index.js';

describe('population docs', () => {
  it('documents every generated file and column', () => {
    const doc = readFileSync(new URL('../../docs/population.md', import.meta.url), 'utf8');
    for (const t of tableOrder) {
      expect(doc).toContain(`#### \`${t}\``);
      const section = doc.slice(doc.indexOf(`#### \`${t}\``)).split('\n#### ')[0]!;
      for (const c of tableSpecs[t]) expect(section).toContain(`| \`${c.name}\` |`);
    }
  });
});
