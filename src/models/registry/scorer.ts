/**
 * The decision path's model port: approved models held in memory by `name@version`, scored synchronously with
 * their reasons. Structurally the rules engine's ModelScorer, so flows call models by name and version.
 */
import { NotFoundError } from '../../core/errors.js';
import type { TrainedModel } from '../workbench.js';
import { explainScore, type ExplainedScore } from './explain.js';
import { modelRef, type ModelRegistry } from './registry.js';

export interface RegistryScorer {
  score(model: { name: string; version: string }, facts: Record<string, unknown>): ExplainedScore;
  /** Reload the tenant's approved models (after an approval or a retirement). */
  refresh(): Promise<void>;
  refs(): string[];
}

export async function createRegistryScorer(registry: ModelRegistry, tenantId: string): Promise<RegistryScorer> {
  let models = new Map<string, TrainedModel>();
  const refresh = async () => {
    const loaded = await registry.loadApproved(tenantId);
    models = new Map([...loaded].map(([ref, { model }]) => [ref, model]));
  };
  await refresh();
  return {
    score(ref, facts) {
      const model = models.get(modelRef(ref.name, Number(ref.version)));
      if (!model) throw new NotFoundError(`approved model ${ref.name}@${ref.version}`);
      return explainScore(model, facts);
    },
    refresh,
    refs: () => [...models.keys()],
  };
}
