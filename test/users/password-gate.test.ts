import { describe, expect, it } from 'vitest';
import { createPasswordGate, SignInBusyError } from '../../src/users/password-gate.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('the password gate', () => {
  it('hashes one password at a time in arrival order, whoever asks', async () => {
    const gate = createPasswordGate();
    const order: string[] = [];
    const first = deferred();
    const a = gate.hashing(async () => {
      order.push('a starts');
      await first.promise;
      order.push('a ends');
    });
    const b = gate.hashing(async () => void order.push('b'));
    const c = gate.hashing(async () => void order.push('c'));
    await new Promise((r) => setImmediate(r));
    expect(gate.load).toEqual({ running: 1, waiting: 2 });
    first.resolve();
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a starts', 'a ends', 'b', 'c']);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a second sign-in from a busy address at once, and frees the address when the first ends, even failed', async () => {
    const gate = createPasswordGate();
    const held = deferred();
    const first = gate.forAddress('203.0.113.7', () => held.promise.then(() => Promise.reject(new Error('wrong'))));
    await expect(gate.forAddress('203.0.113.7', async () => 'second')).rejects.toBeInstanceOf(SignInBusyError);
    expect(await gate.forAddress('198.51.100.10', async () => 'another address')).toBe('another address');
    held.resolve();
    await expect(first).rejects.toThrow('wrong');
    expect(await gate.forAddress('203.0.113.7', async () => 'again')).toBe('again');
  });
});
