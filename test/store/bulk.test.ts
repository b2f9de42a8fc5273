import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRows, encodeCopyRows, type Store } from '../../src/store/index.js';
import { storeFactories } from '../support/stores.js';

describe('the COPY text encoding', () => {
  it('escapes what would end a cell or a row, and writes NULL as \\N', () => {
    expect(
      encodeCopyRows([
        ['a\tb', 'line\nbreak', 'back\\slash', null, 'cr\r'],
        [1.5, true, false, undefined, ''],
      ]),
    ).toBe('a\\tb\tline\\nbreak\tback\\\\slash\t\\N\tcr\\r\n1.5\tt\tf\t\\N\t\n');
    expect(encodeCopyRows([])).toBe('');
    expect(() => encodeCopyRows([[Number.NaN]])).toThrow(/non-finite/);
  });
});

describe.each(storeFactories)('bulk copy on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    await store.db.exec(
      'create table bulk_probe (id int primary key, label text, amount float8, at timestamptz, day date)',
    );
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const hostile = ['tab\there', 'new\nline', 'back\\slash', '\\N', 'ünïcødé 身份证', 'quote \' " ,', ''];

  it.skipIf(factory.unavailable)('stores every value as given, hostile text and NULLs included', async () => {
    const rows = hostile.map((label, i) => [i, label, i === 3 ? null : i * 0.1, '2024-02-01T12:00:00Z', '2024-02-01']);
    const n = await store.db.transaction((tx) =>
      copyRows(tx, 'bulk_probe', ['id', 'label', 'amount', 'at', 'day'], rows),
    );
    expect(n).toBe(hostile.length);
    const back = await store.db.query<{ id: number; label: string; amount: number | null; day: string }>(
      `select id, label, amount, to_char(day, 'YYYY-MM-DD') as day from bulk_probe order by id`,
    );
    expect(back.rows.map((r) => r.label)).toEqual(hostile);
    expect(back.rows.map((r) => r.amount)).toEqual(hostile.map((_, i) => (i === 3 ? null : i * 0.1)));
    expect(new Set(back.rows.map((r) => r.day))).toEqual(new Set(['2024-02-01']));
  });

  it.skipIf(factory.unavailable)('a duplicate key fails the copy whole, and the transaction with it', async () => {
    const before = (await store.db.query<{ n: number }>('select count(*)::int as n from bulk_probe')).rows[0]!.n;
    await expect(
      store.db.transaction((tx) =>
        copyRows(
          tx,
          'bulk_probe',
          ['id', 'label'],
          [
            [100, 'new'],
            [0, 'already there'],
          ],
        ),
      ),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await store.db.query<{ n: number }>('select count(*)::int as n from bulk_probe')).rows[0]!.n).toBe(before);
    // the client is usable afterwards (the failed COPY left no half-open protocol state)
    expect(await store.db.copyText!('bulk_probe', ['id', 'label'], '101\tafter\n')).toBe(1);
  });

  it.skipIf(factory.unavailable)('refuses identifiers that are not plain names', async () => {
    await expect(copyRows(store.db, 'bulk_probe; drop table x', ['id'], [[1]])).rejects.toThrow(
      /invalid SQL identifier/,
    );
  });
});
