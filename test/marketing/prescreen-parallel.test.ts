import { describe, expect, it } from 'vitest';
import { hashIdentifier } from '../../src/core/index.js';
import { defaultPolicyFile } from '../../src/decision/index.js';
import {
  prescreen,
  prescreenParallel,
  recipeStages,
  runChunk,
  type PrescreenRecipe,
  type Prospect,
} from '../../src/marketing/index.js';

const key = Buffer.alloc(32, 9);
const at = new Date('2026-06-01T10:00:00Z');

function prospects(n: number): Prospect[] {
  return Array.from({ length: n }, (_, i) => {
    // every 97th prospect repeats an earlier person (often in another chunk); ages and incomes spread
    const who = i % 97 === 96 ? i - 700 : i;
    return {
      ref: `P${i}`,
      applicant: {
        nationalId: `11010119${String(who).padStart(10, '0')}`,
        name: `Prospect ${who}`,
        dateOfBirth: `${1950 + (who % 58)}-0${1 + (who % 9)}-15`,
        phone: `139${String(who).padStart(8, '0')}`,
      },
      declaredIncome: 1000 + ((who * 7919) % 20000),
      declaredObligations: (who * 31) % 3000,
    };
  });
}

const recipe: PrescreenRecipe = {
  policyFile: defaultPolicyFile(),
  lists: {
    definitions: [{ name: 'phone_black', kind: 'phone', color: 'black' }],
    entries: Array.from({ length: 20 }, (_, i) => ({
      list: 'phone_black',
      hash: hashIdentifier(key, 'phone', `139${String(i * 101).padStart(8, '0')}`),
      reason: 'confirmed fraud',
      source: 'test',
      addedAt: '2026-01-01T00:00:00Z',
      expiresAt: null,
    })),
  },
};
const common = { tenantId: 't1', campaignId: 'cmp-par', terms: { product: 'cash-loan', amount: 20_000, term: 12 } };

describe('pre-screen split across workers', () => {
  it('gives the same entries, in the same order, as one pass over the list', async () => {
    const list = prospects(3000);
    const single = await prescreen(list, {
      ...common,
      stages: recipeStages(recipe, key),
      identifierKey: key,
      clock: { now: () => at },
    });
    // chunks finish in reverse order: the result is still in list order
    const split = await prescreenParallel(list, {
      ...common,
      identifierKey: key,
      at,
      recipe,
      workers: 4,
      runner: async (chunk) => {
        await new Promise((r) => setTimeout(r, 40 - chunk.offset / 100));
        return runChunk(chunk);
      },
    });
    expect(split).toEqual(single);
    const codes = new Set(single.flatMap((e) => e.reasons.map((r) => r.code)));
    expect(codes).toContain('DUPLICATE_IN_LIST');
    expect(codes).toContain('LIST_BLACK_PHONE');
    expect(single.some((e) => e.offered)).toBe(true);
    // a duplicate whose first occurrence is in an earlier chunk is still a duplicate
    expect(split[872]!.reasons[0]!.code).toBe('DUPLICATE_IN_LIST');
    expect(split[872]!.entryNo).toBe(873);
  });
});
