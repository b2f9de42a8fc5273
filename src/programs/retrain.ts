/**
 * Retraining once labels have come back: the model's training set is rebuilt from the tenant's stored decisions
 * (the facts the live path computed, point-in-time by construction) joined to the loan book's outcomes, with the
 * same out-of-time split and fit `program propose` uses. A challenger is fitted on the earlier months, then it and
 * the champion — the version the live champion flow calls — are scored on the same held-out months, which neither
 * trained on. The challenger is registered as a draft (pending approval) with its report and the comparison. It is
 * never approved here: approval is a second person's act (`riskloop model approve`), and putting it live is a
 * flow change (`riskloop policy traffic` to prove it on a share of applicants first).
 */
import { ValidationError, type Actor, type FieldCatalog } from '../core/index.js';
import {
  createModelRegistry,
  modelFeatures,
  psi,
  riskOfModel,
  pointsOf,
  evaluateRisk,
  type ChampionComparison,
  type ComparedScores,
  type ModelRegistry,
  type RejectInferenceOptions,
  type TrainedModel,
} from '../models/index.js';
import type { PolicyService } from '../rules-store/index.js';
import type { Store } from '../store/index.js';
import type { RiskProgram } from './document.js';
import { readHistory } from './history.js';
import { readBehaviourHistory, type BehaviourSources } from './behaviour.js';
import {
  behaviourSplit,
  datasetOf,
  outOfTimeSplit,
  trainModel,
  type OutOfTimeSplit,
  type ThroughTheDoorTruth,
} from './train.js';

export interface RetrainOptions {
  store: Store;
  tenantId: string;
  catalog: FieldCatalog;
  /** Finds the champion: the version of the model the live champion flow calls. */
  policy: Pick<PolicyService, 'flows' | 'version'>;
  /** The program whose spec (label, features, kind, parameters) the model is retrained with. */
  program: RiskProgram;
  /** The model to retrain (a name in the program). */
  model: string;
  /** Who registers the challenger; approval must then come from another person. */
  author: Actor;
  /** Retrain on what was decided and known before this date (default now). */
  asOf?: Date;
  registry?: ModelRegistry;
  onStage?: (stage: string) => void;
  /** Reject inference for this fit, overriding the program's spec (scorecards only). */
  rejectInference?: RejectInferenceOptions;
  /** Where every application's outcome is known (the demo book): the report's through-the-door AUC. */
  truth?: ThroughTheDoorTruth;
  /** A behaviour model's sources (as for `program apply`). */
  behaviour?: BehaviourSources;
}

export interface RetrainResult {
  model: string;
  asOf: string;
  /** The registered challenger: a draft until another person approves it. */
  challenger: { name: string; version: number; status: string };
  trainedOn: { rows: number; bads: number };
  comparison: ChampionComparison;
}

const r6 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : 0);

/** The version the live champion flow calls (the most recently published one, as the decision path picks). */
export async function championVersion(
  policy: Pick<PolicyService, 'flows' | 'version'>,
  tenantId: string,
  model: string,
): Promise<number | null> {
  let best: { at: string; version: number } | null = null;
  for (const f of await policy.flows(tenantId)) {
    if (f.champion === null) continue;
    const record = await policy.version(tenantId, f.flowId, f.champion);
    const at = record.publishedAt ?? '';
    for (const stage of record.document.stages) {
      if (stage.type !== 'model' || stage.model.name !== model) continue;
      const v = Number(stage.model.version);
      if (Number.isInteger(v) && (!best || at > best.at)) best = { at, version: v };
    }
  }
  return best?.version ?? null;
}

/** A model's AUC/KS/Gini on the held-out rows and PSI of its score from the training months to the held-out ones. */
async function scored(model: TrainedModel, split: OutOfTimeSplit): Promise<ComparedScores> {
  const features = modelFeatures(model);
  const trainData = datasetOf(split.train, features);
  const ootData = datasetOf(split.outOfTime, features);
  const ootRisk = await riskOfModel(model, ootData);
  const trainRisk = await riskOfModel(model, trainData);
  const e = evaluateRisk(ootRisk, split.outOfTimeY);
  const stability = psi(pointsOf(model, trainData, trainRisk), pointsOf(model, ootData, ootRisk), 10);
  return { auc: r6(e.auc), ks: r6(e.ks), gini: r6(e.gini), psi: r6(stability.psi) };
}

export async function retrainModel(options: RetrainOptions): Promise<RetrainResult> {
  const { store, tenantId, program, author } = options;
  const stage = options.onStage ?? (() => undefined);
  const asOf = options.asOf ?? new Date();
  const spec = program.manifest.models.find((m) => m.name === options.model);
  if (!spec)
    throw new ValidationError(`program ${program.manifest.name} has no model ${options.model}`, [
      { path: '/model', message: `one of ${program.manifest.models.map((m) => m.name).join(', ') || '(none)'}` },
    ]);
  if (options.rejectInference && options.rejectInference.method !== 'none' && spec.kind !== 'scorecard')
    throw new ValidationError(`reject inference is for scorecards; ${spec.name} is a ${spec.kind}`, [
      { path: '/rejectInference', message: `not for a ${spec.kind}` },
    ]);
  const registry = options.registry ?? createModelRegistry(store.db);

  stage('champion');
  const live = await championVersion(options.policy, tenantId, spec.name);
  // no live flow calls it (yet): the newest approved version is what a flow would call
  const championRef =
    live ?? (await registry.list(tenantId, spec.name)).filter((v) => v.status === 'approved').at(-1)?.version ?? null;

  stage('training set');
  const history = await readHistory(store.db, tenantId, options.catalog, asOf);
  // a behaviour model learns from the loan book and post-loan events, an application model from decisions
  const split = spec.observation
    ? behaviourSplit(
        spec,
        await readBehaviourHistory(store.db, tenantId, asOf, options.behaviour),
        program.manifest.training,
      )
    : outOfTimeSplit(spec, history, program.manifest.training);

  stage('fit');
  const trained = trainModel(spec, history, program.manifest.training, split, {
    ...(options.rejectInference ? { rejectInference: options.rejectInference } : {}),
    ...(options.truth ? { truth: options.truth } : {}),
  });

  stage('compare');
  const challenger = await scored(trained.model, split);
  const champion =
    championRef === null
      ? null
      : { version: championRef, ...(await scored(await registry.load(tenantId, spec.name, championRef), split)) };
  const comparison: ChampionComparison = {
    outOfTimeFrom: split.outOfTimeFrom,
    rows: split.outOfTime.length,
    bads: split.outOfTimeY.reduce((s, v) => s + v, 0),
    challenger,
    champion,
    delta: champion
      ? {
          auc: r6(challenger.auc - champion.auc),
          ks: r6(challenger.ks - champion.ks),
          psi: r6(challenger.psi - champion.psi),
        }
      : null,
  };

  stage('register');
  const against = champion ? `against champion ${spec.name}@${champion.version}` : 'no champion to compare with';
  const comment =
    `retrain of ${program.manifest.name}@${program.manifest.version} ${spec.name} as of ${asOf.toISOString()}; ` +
    `out of time from ${split.outOfTimeFrom}, ${against}`;
  const result = (version: number, status: string): RetrainResult => ({
    model: spec.name,
    asOf: asOf.toISOString(),
    challenger: { name: spec.name, version, status },
    trainedOn: { rows: split.train.length, bads: trained.metrics.badsTrain ?? 0 },
    comparison,
  });
  // run again from the same input (a job taken over after its node stopped): the draft it registered is the answer
  const again = (await registry.list(tenantId, spec.name)).find(
    (v) => v.status === 'draft' && v.comment === comment && v.dataFingerprint === trained.dataFingerprint,
  );
  if (again) return result(again.version, again.status);
  // the version and its retrain entry commit together (the registry's transaction): no draft without its story
  const info = await registry.register(tenantId, {
    name: spec.name,
    model: trained.model,
    metrics: trained.metrics,
    dataFingerprint: trained.dataFingerprint,
    author,
    comment,
    report: { ...trained.report, comparison },
    audit: {
      action: 'model.retrain',
      detail: {
        asOf: asOf.toISOString(),
        champion: champion ? `${spec.name}@${champion.version}` : null,
        outOfTimeFrom: split.outOfTimeFrom,
        rows: comparison.rows,
        delta: comparison.delta,
        ...(trained.report.rejectInference
          ? { rejectInference: trained.report.rejectInference.method, rejects: trained.report.rejectInference.rejects }
          : {}),
      },
    },
  });
  return result(info.version, info.status);
}
