import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCipheriv, randomBytes } from 'node:crypto';
import {
  createKeyRing,
  createSealer,
  hashIdentifier,
  maskIdentifier,
  newId,
  normalizeIdentifier,
  canonicalJson,
} from '../../src/core/index.js';

const key = randomBytes(32);

describe('identifier hashing', () => {
  it('matches formatting variants of the same phone and separates kinds', () => {
    expect(hashIdentifier(key, 'phone', '+86 139-1234-5678')).toBe(hashIdentifier(key, 'phone', '8613912345678'));
    expect(hashIdentifier(key, 'contactPhone', '13912345678')).toBe(hashIdentifier(key, 'phone', '13912345678'));
    expect(hashIdentifier(key, 'card', '13912345678')).not.toBe(hashIdentifier(key, 'phone', '13912345678'));
  });

  it('depends on the key: another tenant cannot match', () => {
    const ring = createKeyRing(randomBytes(32));
    const a = hashIdentifier(ring.tenantHmacKey('a'), 'nationalId', '110101199003071234');
    const b = hashIdentifier(ring.tenantHmacKey('b'), 'nationalId', '110101199003071234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('110101199003071234');
  });

  it('normalises IPv4 to its /24', () => {
    expect(normalizeIdentifier('ip24', '10.1.2.3')).toBe('10.1.2.0/24');
  });

  it('masks all but the last digits', () => {
    expect(maskIdentifier('13912345678')).toBe('*******5678');
    expect(maskIdentifier('123')).toBe('***');
  });
});

describe('sealing', () => {
  const row = { tenantId: 't1', table: 'applications', rowId: 'APP-1' };
  it('round-trips any text and detects tampering', () => {
    const sealer = createSealer(randomBytes(32));
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(sealer.open(sealer.seal(text, row), row)).toBe(text);
      }),
    );
    const sealed = sealer.seal('13912345678', row);
    expect(sealed).not.toContain('13912345678');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('00000000000').toString('base64url');
    expect(() => sealer.open(parts.join('.'), row)).toThrow();
    expect(() => createSealer(randomBytes(32)).open(sealed, row)).toThrow();
  });

  it('opens only in the row it was sealed for (tenant, table and id are associated data)', () => {
    const sealer = createSealer(randomBytes(32));
    const sealed = sealer.seal('13912345678', row);
    expect(sealer.open(sealed, { ...row })).toBe('13912345678');
    expect(() => sealer.open(sealed, { ...row, tenantId: 't2' })).toThrow();
    expect(() => sealer.open(sealed, { ...row, table: 'decisions' })).toThrow();
    expect(() => sealer.open(sealed, { ...row, rowId: 'APP-2' })).toThrow();
  });

  it('refuses a truncated authentication tag', () => {
    const key = randomBytes(32);
    const sealer = createSealer(key);
    const [v, nonce, tag, body] = sealer.seal('13912345678', row).split('.');
    for (const bytes of [4, 8, 12, 15]) {
      const short = Buffer.from(tag!, 'base64url').subarray(0, bytes).toString('base64url');
      expect(() => sealer.open([v, nonce, short, body].join('.'), row)).toThrow(/truncated/);
    }
    // the earlier unbound format: a value forged with a 4-byte tag no longer opens either
    const nonce1 = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, nonce1, { authTagLength: 4 });
    const body1 = Buffer.concat([c.update('x', 'utf8'), c.final()]);
    const v1 = ['v1', nonce1.toString('base64url'), c.getAuthTag().toString('base64url'), body1.toString('base64url')];
    expect(() => sealer.openLegacy(v1.join('.'))).toThrow(/truncated/);
  });
});

describe('ids and canonical JSON', () => {
  it('ids sort by time', () => {
    const a = newId('dec', new Date('2026-01-01T00:00:00Z'));
    const b = newId('dec', new Date('2026-01-01T00:00:00.001Z'));
    expect(a < b).toBe(true);
    expect(a).toMatch(/^dec_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('canonical JSON ignores key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });
});
