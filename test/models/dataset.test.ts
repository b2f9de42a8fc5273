import { describe, expect, it } from 'vitest';
import {
  labelledFromRecords,
  parseCsvRecords,
  readLabelledDataset,
  stratifiedSplit,
  takeLabels,
} from '../../src/models/dataset.js';
import { ValidationError } from '../../src/core/errors.js';

const data = (f: string) => new URL(`../../../shared/data/${f}`, import.meta.url).pathname;

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a ValidationError');
}

function fromText(text: string, target: string, extra: { drop?: string[]; bad?: string } = {}) {
  const { header, records } = parseCsvRecords(text);
  return labelledFromRecords(header, records, { target, ...extra });
}

describe('dataset', () => {
  it('reads germancredit with quoted commas, infers kinds and maps creditability=bad', () => {
    const ds = readLabelledDataset(data('germancredit.csv'), { target: 'creditability=bad' });
    expect(ds.data.rows).toBe(1000);
    expect(ds.data.columns).toHaveLength(20);
    const tel = ds.data.columns.find((c) => c.name === 'telephone')!;
    expect(tel.kind).toBe('categorical');
    if (tel.kind === 'categorical') expect(tel.levels).toContain('yes, registered under the customers name');
    expect(ds.data.columns.find((c) => c.name === 'credit_amount')!.kind).toBe('numeric');
    expect(ds.y.reduce((a, b) => a + b, 0)).toBe(300);
  });

  it('reads LendingClub units (83.70%, 36 months) as numbers and finds Charged Off by name', () => {
    const ds = readLabelledDataset(data('lendingclub_loanstats3a.csv'), { target: 'loan_status' });
    expect(ds.badValue).toBe('Charged Off');
    const ru = ds.data.columns.find((c) => c.name === 'revol_util')!;
    const term = ds.data.columns.find((c) => c.name === 'term')!;
    expect(ru.kind).toBe('numeric');
    expect(term.kind).toBe('numeric');
    if (ru.kind === 'numeric') expect(ru.values[0]).toBeCloseTo(83.7, 6);
    if (term.kind === 'numeric') expect(new Set(term.values)).toEqual(new Set([36, 60]));
  });

  it('drops the unnamed GMSC index column and treats NA as missing', () => {
    const text = ',y,income,dep\n1,0,100,1\n2,1,NA,\n3,0,300,2\n4,1,null,0\n';
    const ds = fromText(text, 'y');
    expect(ds.data.names).toEqual(['income', 'dep']);
    const inc = ds.data.columns[0]!;
    expect(inc.kind === 'numeric' && Number.isNaN(inc.values[1]!) && Number.isNaN(inc.values[3]!)).toBe(true);
  });

  it('names the column for each kind of bad input', () => {
    expect(issuesOf(() => fromText('a,y\n1,0\n2,0\n', 'y')).join()).toMatch(/y: .*one class/);
    const textCol = 'amount,y\n' + Array.from({ length: 40 }, (_, i) => `${i === 7 ? 'abc' : i},${i % 2}`).join('\n');
    expect(issuesOf(() => fromText(textCol, 'y')).join()).toMatch(/^amount: .*numeric.*"abc"/);
    expect(issuesOf(() => fromText('a,b,y\n1,,0\n2,NA,1\n', 'y')).join()).toMatch(/^b: .*100% missing/);
    expect(issuesOf(() => fromText('a,b,y\n1,2,0\n2,3\n', 'y')).join()).toMatch(/row 2/);
    expect(issuesOf(() => fromText('a,y\n1,good\n2,bad\n3,ugly\n', 'y')).join()).toMatch(/"good".*"bad".*"ugly"/);
    expect(issuesOf(() => fromText('a,y\n1,good\n2,bad\n', 'y', { bad: 'Bad' })).join()).toMatch(/y: .*"Bad"/);
    expect(issuesOf(() => fromText('a,y\n1,0\n2,1\n', 'nope')).join()).toMatch(/^nope/);
  });

  it('drops a constant column with a warning', () => {
    const ds = fromText('a,c,y\n1,k,0\n2,k,1\n3,k,0\n', 'y');
    expect(ds.data.names).toEqual(['a']);
    expect(ds.warnings.join()).toMatch(/"c" is constant/);
  });

  it('drops identifier-like text columns instead of letting them memorise the target', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `app-${i},${i % 7},${i % 2}`);
    const ds = fromText('application_id,x,y\n' + rows.join('\n'), 'y');
    expect(ds.data.names).toEqual(['x']);
    expect(ds.warnings.join()).toMatch(/"application_id" has 40 distinct values.*identifier/);
  });

  it('splits stratified and reproducibly by seed', () => {
    const y = Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const a = stratifiedSplit(y, 0.3, 42);
    const b = stratifiedSplit(y, 0.3, 42);
    const c = stratifiedSplit(y, 0.3, 7);
    expect(a.test).toEqual(b.test);
    expect(a.test).not.toEqual(c.test);
    expect(a.test.length + a.train.length).toBe(1000);
    expect(takeLabels(y, a.test).reduce((s, v) => s + v, 0)).toBe(30);
    expect(new Set([...a.train, ...a.test]).size).toBe(1000);
  });
});
