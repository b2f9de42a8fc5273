import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
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
  it('round-trips any text and detects tampering', () => {
    const sealer = createSealer(randomBytes(32));
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(sealer.open(sealer.seal(text))).toBe(text);
      }),
    );
    const sealed = sealer.seal('13912345678');
    expect(sealed).not.toContain('13912345678');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('00000000000').toString('base64url');
    expect(() => sealer.open(parts.join('.'))).toThrow();
    expect(() => createSealer(randomBytes(32)).open(sealed)).toThrow();
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
