/**
 * Pre-screen across worker threads: the list is cut into one contiguous chunk per core, each worker builds the
 * same stages from a plain recipe (knockout policy file, hashed list entries) and pre-screens its chunk with
 * entry numbers continuing from the chunk's offset; the chunks come back in list order and duplicates across
 * chunk boundaries are excluded as the single-threaded run would have (the first occurrence keeps its result).
 * Stages are closures over live state and cannot cross threads, hence the recipe.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadKnockoutPolicy, type PolicySource, type Stage } from '../decision/index.js';
import { createListIndex, type ListDefinition, type ListEntry } from '../rules/index.js';
import {
  DUPLICATE_REASON,
  excluded,
  prescreen,
  prescreenStages,
  type OfferTerms,
  type PrescreenEntry,
  type Prospect,
} from './prescreen.js';

/** What a worker needs to rebuild the pre-screen stages: plain data only. */
export interface PrescreenRecipe {
  policyFile: string;
  lists?: { definitions: ListDefinition[]; entries: ListEntry[] };
}

export interface PrescreenChunk {
  prospects: Prospect[];
  offset: number;
  tenantId: string;
  campaignId: string;
  terms: OfferTerms;
  atMs: number;
  identifierKey: Uint8Array;
  recipe: PrescreenRecipe;
}

/**
 * A chunk's entries as columns: typed arrays and strings clone far cheaper between threads than a million small
 * objects, and the reasons repeat (each distinct list is sent once). Ref, entry number and outcome are rebuilt
 * from the list.
 */
export interface ChunkResult {
  keys: string[];
  offered: Uint8Array;
  limit: Float64Array;
  price: Float64Array;
  reason: Int32Array;
  /** Distinct reason lists, as JSON. */
  reasons: string[];
}

export type ChunkRunner = (chunk: PrescreenChunk) => Promise<ChunkResult>;

function toColumns(entries: readonly PrescreenEntry[]): ChunkResult {
  const n = entries.length;
  const r: ChunkResult = {
    keys: new Array<string>(n),
    offered: new Uint8Array(n),
    limit: new Float64Array(n),
    price: new Float64Array(n),
    reason: new Int32Array(n),
    reasons: [],
  };
  const table = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    r.keys[i] = e.prospectKey;
    r.offered[i] = e.offered ? 1 : 0;
    r.limit[i] = e.limit ?? Number.NaN;
    r.price[i] = e.price ?? Number.NaN;
    const json = JSON.stringify(e.reasons);
    let k = table.get(json);
    if (k === undefined) {
      k = r.reasons.push(json) - 1;
      table.set(json, k);
    }
    r.reason[i] = k;
  }
  return r;
}

function fromColumns(r: ChunkResult, prospects: readonly Prospect[], offset: number, out: PrescreenEntry[]) {
  const parsed = r.reasons.map((j) => JSON.parse(j) as PrescreenEntry['reasons']);
  for (let i = 0; i < r.keys.length; i++) {
    const offered = r.offered[i] === 1;
    out[offset + i] = {
      entryNo: offset + i + 1,
      ref: prospects[offset + i]!.ref,
      prospectKey: r.keys[i]!,
      offered,
      limit: Number.isNaN(r.limit[i]!) ? null : r.limit[i]!,
      price: Number.isNaN(r.price[i]!) ? null : r.price[i]!,
      outcome: offered ? 'offer' : 'excluded',
      // copied: entries sharing a reason list must not share the array
      reasons: parsed[r.reason[i]!]!.map((x) => ({ ...x })),
    };
  }
}

/** The stages a recipe describes (what prescreenStages builds from the live sources). */
export function recipeStages(recipe: PrescreenRecipe, identifierKey: Buffer): Stage[] {
  const index = recipe.lists
    ? createListIndex(recipe.lists.definitions, recipe.lists.entries, { key: identifierKey, valuesAreHashed: true })
    : undefined;
  const source: PolicySource = {
    listIndex: () => index,
    liveFlows: () => undefined,
  };
  return prescreenStages(loadKnockoutPolicy(recipe.policyFile), { rules: source });
}

/** Pre-screens one chunk (in a worker, or in this thread). */
export async function runChunk(chunk: PrescreenChunk): Promise<ChunkResult> {
  const key = Buffer.from(chunk.identifierKey);
  const at = new Date(chunk.atMs);
  const entries = await prescreen(chunk.prospects, {
    tenantId: chunk.tenantId,
    campaignId: chunk.campaignId,
    terms: chunk.terms,
    stages: recipeStages(chunk.recipe, key),
    identifierKey: key,
    clock: { now: () => at },
    offset: chunk.offset,
  });
  return toColumns(entries);
}

function workerUrl(): URL | undefined {
  // the worker runs compiled JavaScript; from TypeScript sources (tests) chunks run in this thread
  return import.meta.url.endsWith('.js') ? new URL('./prescreen-worker.js', import.meta.url) : undefined;
}

/** One worker per chunk: post the chunk, take the entries, end the worker. */
export const workerRunner: ChunkRunner = (chunk) => {
  const url = workerUrl();
  if (!url) return runChunk(chunk);
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    worker.once('message', (m: { result?: ChunkResult; error?: string }) => {
      void worker.terminate();
      if (m.result) resolve(m.result);
      else reject(new Error(`pre-screen worker failed: ${m.error ?? 'unknown'}`));
    });
    worker.once('error', reject);
    worker.postMessage(chunk);
  });
};

export interface ParallelPrescreenOptions {
  tenantId: string;
  campaignId: string;
  terms: OfferTerms;
  identifierKey: Buffer;
  at: Date;
  recipe: PrescreenRecipe;
  /** Default: the cores available. */
  workers?: number;
  runner?: ChunkRunner;
  onProgress?: (done: number, total: number) => void;
}

export async function prescreenParallel(
  prospects: readonly Prospect[],
  o: ParallelPrescreenOptions,
): Promise<PrescreenEntry[]> {
  const n = Math.max(1, Math.min(o.workers ?? availableParallelism(), Math.ceil(prospects.length / 1000) || 1));
  const size = Math.ceil(prospects.length / n);
  const runner = o.runner ?? workerRunner;
  let done = 0;
  const out = new Array<PrescreenEntry>(prospects.length);
  await Promise.all(
    Array.from({ length: n }, async (_, c) => {
      const slice = prospects.slice(c * size, (c + 1) * size);
      const result = await runner({
        prospects: slice,
        offset: c * size,
        tenantId: o.tenantId,
        campaignId: o.campaignId,
        terms: o.terms,
        atMs: o.at.getTime(),
        identifierKey: o.identifierKey,
        recipe: o.recipe,
      });
      fromColumns(result, prospects, c * size, out);
      done += slice.length;
      o.onProgress?.(done, prospects.length);
    }),
  );
  // a person in two chunks: the later ones are duplicates, as in one pass over the list
  const seen = new Set<string>();
  for (let i = 0; i < out.length; i++) {
    const e = out[i]!;
    if (seen.has(e.prospectKey)) {
      if (e.reasons[0]?.code !== DUPLICATE_REASON.code) out[i] = excluded(e, [{ ...DUPLICATE_REASON }]);
    } else seen.add(e.prospectKey);
  }
  return out;
}
