/**
 * The decision path's model port: approved models held in memory by `name@version`, scored synchronously with
 * their reasons. Structurally the rules engine's ModelScorer, so flows call models by name and version.
 *
 * ONNX models run in onnxruntime, whose sessions answer asynchronously, while a flow scores synchronously. The
 * decision path therefore calls `prepare(models, facts)` before the flow runs: it scores the ONNX models the flow
 * will call on those very facts (one session per model, opened when the models are loaded), and `score` then reads
 * that result for the same facts object. Native models (scorecards, trees, imported XGBoost/LightGBM) need none.
 */
import { NotFoundError } from '../../core/errors.js';
import { modelFeatures, type TrainedModel } from '../workbench.js';
import { onnxRow, openOnnx } from '../import/registered.js';
import type { OnnxScorer } from '../import/onnx.js';
import { explainScore, type ExplainedScore } from './explain.js';
import { modelRef, type ModelRegistry } from './registry.js';

type ModelCall = { name: string; version: string };

export interface RegistryScorer {
  score(model: ModelCall, facts: Record<string, unknown>): ExplainedScore;
  /** Scores the ONNX models among `models` on `facts` ahead of a synchronous `score` with the same object. */
  prepare(models: readonly ModelCall[], facts: Record<string, unknown>): Promise<void>;
  /** A loaded model's input features (what a decision must compute for it), or undefined. */
  inputs(model: ModelCall): readonly string[] | undefined;
  /** Reload the tenant's approved models (after an approval or a retirement). */
  refresh(): Promise<void>;
  refs(): string[];
  /** Releases onnxruntime sessions. */
  close(): Promise<void>;
}

export async function createRegistryScorer(registry: ModelRegistry, tenantId: string): Promise<RegistryScorer> {
  let models = new Map<string, TrainedModel>();
  let sessions = new Map<string, OnnxScorer>();
  // P(bad) of ONNX models per facts object: dropped with the facts once the decision is done
  const prepared = new WeakMap<object, Map<string, number>>();
  const refresh = async () => {
    const loaded = await registry.loadApproved(tenantId);
    const next = new Map([...loaded].map(([ref, { model }]) => [ref, model]));
    const nextSessions = new Map<string, OnnxScorer>();
    for (const [ref, model] of next) {
      if (model.kind !== 'onnx') continue;
      // an approved version never changes: keep its open session
      nextSessions.set(ref, sessions.get(ref) ?? (await openOnnx(model)));
    }
    const stale = [...sessions].filter(([ref]) => !nextSessions.has(ref));
    models = next;
    sessions = nextSessions;
    for (const [, s] of stale) await s.close();
  };
  await refresh();
  return {
    score(ref, facts) {
      const key = modelRef(ref.name, Number(ref.version));
      const model = models.get(key);
      if (!model) throw new NotFoundError(`approved model ${ref.name}@${ref.version}`);
      return explainScore(model, facts, 4, model.kind === 'onnx' ? prepared.get(facts)?.get(key) : undefined);
    },
    async prepare(calls, facts) {
      for (const call of calls) {
        const key = modelRef(call.name, Number(call.version));
        const model = models.get(key);
        const session = sessions.get(key);
        if (!model || model.kind !== 'onnx' || !session) continue;
        const p = await session.scoreRow(onnxRow(model, facts));
        let m = prepared.get(facts);
        if (!m) prepared.set(facts, (m = new Map()));
        m.set(key, p);
      }
    },
    inputs(ref) {
      const model = models.get(modelRef(ref.name, Number(ref.version)));
      return model ? modelFeatures(model) : undefined;
    },
    refresh,
    refs: () => [...models.keys()],
    async close() {
      for (const s of sessions.values()) await s.close();
      sessions = new Map();
    },
  };
}
