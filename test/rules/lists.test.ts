import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { deriveKey, hashIdentifier } from '../../src/core/identifiers.js';
import {
  compileExpression,
  createEnv,
  createListIndex,
  parseListCsv,
  type ListDefinition,
} from '../../src/rules/index.js';
import { catalog } from './catalog.js';

const key = deriveKey(Buffer.alloc(32, 7), 'identifiers');
const defs: ListDefinition[] = [
  { name: 'phone_black', kind: 'phone', color: 'black' },
  { name: 'phone_white', kind: 'phone', color: 'white' },
  { name: 'device_grey', kind: 'deviceId', color: 'grey' },
];
const now = new Date('2024-06-01T00:00:00Z');

describe('list index', () => {
  const index = createListIndex(
    defs,
    [
      {
        list: 'phone_black',
        hash: hashIdentifier(key, 'phone', '138-0000-0000'),
        reason: 'confirmed fraud',
        source: 'manual',
        addedAt: '2024-01-01T00:00:00Z',
        expiresAt: null,
      },
      {
        list: 'phone_white',
        hash: hashIdentifier(key, 'phone', '13900000000'),
        reason: 'staff',
        source: 'hr',
        addedAt: '2024-01-01T00:00:00Z',
        expiresAt: '2024-07-01T00:00:00Z',
      },
      {
        list: 'device_grey',
        hash: hashIdentifier(key, 'deviceId', 'dev-1'),
        reason: 'shared device',
        source: 'graph',
        addedAt: '2024-01-01T00:00:00Z',
        expiresAt: '2024-05-01T00:00:00Z',
      },
    ],
    { key },
  );

  it('matches normalized identifiers by keyed hash', () => {
    expect(index.has('phone_black', '13800000000', now.getTime())).toBe(true);
    expect(index.has('phone_black', '138 0000 0000', now.getTime())).toBe(true);
    expect(index.has('phone_black', '13800000001', now.getTime())).toBe(false);
    expect(index.has('no_such_list', '13800000000', now.getTime())).toBe(false);
  });

  it('honours expiry at the evaluation time', () => {
    expect(index.has('phone_white', '13900000000', now.getTime())).toBe(true);
    expect(index.has('phone_white', '13900000000', Date.parse('2024-07-01T00:00:00Z'))).toBe(false);
    expect(index.has('device_grey', 'dev-1', Date.parse('2024-04-30T00:00:00Z'))).toBe(true);
    expect(index.has('device_grey', 'dev-1', now.getTime())).toBe(false);
  });

  it('screens identifiers: hits name the list and reason, never the value', () => {
    const r = index.screen(
      [
        { kind: 'phone', value: '13800000000' },
        { kind: 'deviceId', value: 'dev-1' },
        { kind: 'email', value: 'x@y.z' },
        { kind: 'phone', value: null },
      ],
      now.getTime(),
    );
    expect(r.black).toBe(true);
    expect(r.grey).toBe(false); // expired
    expect(r.hits).toEqual([
      {
        list: 'phone_black',
        kind: 'phone',
        color: 'black',
        reason: 'confirmed fraud',
        source: 'manual',
        expiresAt: null,
      },
    ]);
    expect(JSON.stringify(r)).not.toContain('13800000000');
  });

  it('serves list() membership in expressions', () => {
    const c = compileExpression("applicant.phone in list('phone_black')", {
      catalog,
      listNames: defs.map((d) => d.name),
    });
    expect(c.evaluate({ applicant: { phone: '13800000000' } }, createEnv({ now, lists: index }))).toBe(true);
  });

  it('adds and removes entries', () => {
    const h = hashIdentifier(key, 'phone', '13700000000');
    index.add({ list: 'phone_black', hash: h, reason: 'r', source: 's', addedAt: now.toISOString(), expiresAt: null });
    expect(index.has('phone_black', '13700000000', now.getTime())).toBe(true);
    expect(index.remove('phone_black', h)).toBe(true);
    expect(index.has('phone_black', '13700000000', now.getTime())).toBe(false);
  });
});

describe('CSV list import', () => {
  const opts = { list: defs[0]!, key, now, source: 'import:test.csv', defaultReason: 'imported' };

  it('parses values, hashes them, applies defaults and expiry', () => {
    const entries = parseListCsv('value,reason,expires_at\n13800000000,fraud ring,2025-01-01\n13800000001,,\n', opts);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      list: 'phone_black',
      hash: hashIdentifier(key, 'phone', '13800000000'),
      reason: 'fraud ring',
      source: 'import:test.csv',
      expiresAt: '2025-01-01T00:00:00.000Z',
    });
    expect(entries[1]).toMatchObject({ reason: 'imported', expiresAt: null });
  });

  it('names every bad row and field and loads nothing', () => {
    const bad =
      'value,reason,expires_at\n13800000000,ok,\n,missing,\n13800000002,x,not-a-date\n13800000003,x,2020-01-01\n138-0000-0000,dup,\n';
    let err: ValidationError | undefined;
    try {
      parseListCsv(bad, opts);
    } catch (e) {
      err = e as ValidationError;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect(err!.issues).toEqual([
      { path: 'row 3 / value', message: 'empty phone' },
      { path: 'row 4 / expires_at', message: 'not a date (use ISO 8601, e.g. 2025-12-31)' },
      { path: 'row 5 / expires_at', message: 'already expired' },
      { path: 'row 6 / value', message: 'duplicate of row 2' },
    ]);
    expect(err!.message).not.toContain('13800000000');
  });

  it('accepts pre-hashed rows and rejects malformed hashes', () => {
    const h = hashIdentifier(key, 'phone', '13800000000');
    expect(parseListCsv(`hash\n${h}\n`, opts)[0]!.hash).toBe(h);
    expect(() => parseListCsv('hash\nabc\n', opts)).toThrow(/bad row/);
    expect(() => parseListCsv('phone\n1\n', opts)).toThrow(/value or hash/);
  });
});
