import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMasterKey } from '../../src/config/index.js';
import { ConfigError } from '../../src/core/index.js';
import { demoKey, serveBanner } from '../../src/cli/commands/serve.js';

describe('master keys', () => {
  it('accepts 32 random bytes written as hex, base64 or base64url', () => {
    const random = randomBytes(32);
    for (const text of [random.toString('hex'), random.toString('base64'), random.toString('base64url')])
      expect(parseMasterKey(` ${text}\n`, 'K').equals(random)).toBe(true);
  });

  it('refuses text that only decodes to 32 bytes, and patterned keys', () => {
    for (const text of [
      'a'.repeat(43), // lenient base64 made 32 bytes of this
      'correct horse battery staple correct horse battery', // spaces skipped by the lenient decoder
      '0123456789abcdef'.repeat(4), // hex of a repeated pattern: 8 distinct bytes
      '00'.repeat(32),
      Buffer.alloc(32, 7).toString('base64'),
      randomBytes(32).toString('base64').slice(0, 40) + '!!!!',
      randomBytes(31).toString('hex'),
    ])
      expect(() => parseMasterKey(text, 'K'), text).toThrow(ConfigError);
  });
});

describe('the demo admin key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-secrets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is printed by the start that created it, and never again', () => {
    const first = demoKey({ dataDir: dir });
    expect(first.created).toBe(true);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(serveBanner('http://127.0.0.1:1', dir, first).join('\n')).toContain(first.secret);
    const again = demoKey({ dataDir: dir });
    expect(again).toMatchObject({ created: false, secret: first.secret });
    const later = serveBanner('http://127.0.0.1:1', dir, again).join('\n');
    expect(later).not.toContain(first.secret);
    expect(later).toContain(first.file);
    // an operator's bootstrap key (PostgreSQL mode) is never printed
    expect(serveBanner('http://127.0.0.1:1', undefined, undefined).join('\n')).not.toMatch(/rk_/);
  });
});
