/**
 * Glue for the decision service: compiled flows cached per (tenant, flow, version) — compiling is milliseconds, a
 * decision is microseconds — and a list index rebuilt from the repository. Instance state only.
 */
import type { Clock } from '../core/clock.js';
import { NotFoundError } from '../core/errors.js';
import { compileFlow, type CompiledFlow } from './flow/flow.js';
import type { CompileFlowOptions } from './flow/compile.js';
import { liveVersions, type FlowRepository } from './flow/lifecycle.js';
import { createListIndex, type ListIndex } from './lists/list-index.js';
import type { ListRepository } from './lists/types.js';

export interface LiveFlows {
  champion: CompiledFlow | null;
  challengers: CompiledFlow[];
  /** Each challenger's share of live traffic (same order; absent or 0 = shadow only). */
  shares?: number[];
}

export interface FlowCache {
  /** Champion and challengers, re-read from the repository at most every `ttlMs`. */
  live(tenantId: string, flowId: string): Promise<LiveFlows>;
  /** Any stored version (for replay), compiled once. */
  version(tenantId: string, flowId: string, version: number): Promise<CompiledFlow>;
  /** Forget a tenant's flows (after a publish on this node). */
  invalidate(tenantId: string, flowId?: string): void;
}

export function createFlowCache(
  options: Omit<CompileFlowOptions, 'version'> & { repository: FlowRepository; clock: Clock; ttlMs?: number },
): FlowCache {
  const compiled = new Map<string, CompiledFlow>();
  const live = new Map<string, { at: number; flows: LiveFlows }>();
  const ttl = options.ttlMs ?? 5_000;
  const keyOf = (tenantId: string, flowId: string, version: number) => `${tenantId}\0${flowId}\0${version}`;

  const compileRecord = (tenantId: string, rec: { flowId: string; version: number; document: unknown }) => {
    const k = keyOf(tenantId, rec.flowId, rec.version);
    let flow = compiled.get(k);
    if (!flow) {
      flow = compileFlow(rec.document, { ...options, version: rec.version });
      compiled.set(k, flow);
    }
    return flow;
  };

  return {
    async live(tenantId, flowId) {
      const k = `${tenantId}\0${flowId}`;
      const now = options.clock.now().getTime();
      const hit = live.get(k);
      if (hit && now - hit.at < ttl) return hit.flows;
      const v = liveVersions(await options.repository.versions(tenantId, flowId));
      const flows: LiveFlows = {
        champion: v.champion ? compileRecord(tenantId, v.champion) : null,
        challengers: v.challengers.map((c) => compileRecord(tenantId, c)),
      };
      live.set(k, { at: now, flows });
      return flows;
    },
    async version(tenantId, flowId, version) {
      const cached = compiled.get(keyOf(tenantId, flowId, version));
      if (cached) return cached;
      const rec = await options.repository.version(tenantId, flowId, version);
      if (!rec) throw new NotFoundError(`flow ${flowId} version ${version}`);
      return compileRecord(tenantId, rec);
    },
    invalidate(tenantId, flowId) {
      for (const k of [...live.keys()]) if (k.startsWith(`${tenantId}\0${flowId ?? ''}`)) live.delete(k);
    },
  };
}

/** Build a tenant's in-memory list index from the repository (rebuild on a timer or after an import). */
export async function loadListIndex(
  repository: ListRepository,
  tenantId: string,
  key: Buffer,
  options: { valuesAreHashed?: boolean } = {},
): Promise<ListIndex> {
  const [definitions, entries] = await Promise.all([repository.definitions(tenantId), repository.entries(tenantId)]);
  return createListIndex(definitions, entries, { key, valuesAreHashed: options.valuesAreHashed === true });
}

/** The version string stored on a decision, e.g. `consumer-loan@3`. */
export function flowVersionLabel(flow: Pick<CompiledFlow, 'flowId' | 'version'>): string {
  return `${flow.flowId}@${flow.version ?? 'draft'}`;
}
