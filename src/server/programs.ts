/**
 * Risk programs on a running node: the node's policy service, trigger sets and model runtime, so a program put
 * live is decided with at once on this node (other nodes reload it on the change feed's signals within a second).
 */
import type { Actor } from '../core/index.js';
import {
  applyProgram,
  approveProgram,
  proposeProgram,
  readProgram,
  retrainModel,
  starterProgramDir,
  type BehaviourSources,
  type ProgramProposal,
  type RetrainResult,
  type RiskProgram,
  type ThroughTheDoorTruth,
} from '../programs/index.js';
import { decisionCatalog } from '../catalog/index.js';
import type { ModelsRuntime, RejectInferenceOptions } from '../models/index.js';
import type { MonitoringRuntime } from '../monitoring/index.js';
import type { PolicyService } from '../rules-store/index.js';
import type { Store } from '../store/index.js';

/** What a program needs of a running node (start.ts hands its own runtimes). */
interface NodeParts {
  store: Store;
  policy: PolicyService;
  monitoring: Pick<MonitoringRuntime, 'triggers'>;
  models: Pick<ModelsRuntime, 'refresh'>;
  /** Where a behaviour model's sample finds the consortium's shared events. */
  behaviour?: BehaviourSources;
}

const parts = (node: NodeParts, tenantId: string) => ({
  store: node.store,
  tenantId,
  catalog: decisionCatalog(),
  policy: node.policy,
  triggers: node.monitoring.triggers,
  refreshModels: () => node.models.refresh(tenantId),
  ...(node.behaviour ? { behaviour: node.behaviour } : {}),
});

export function proposeOnNode(
  node: NodeParts,
  tenantId: string,
  author: Actor,
  options: { program?: RiskProgram; asOf?: Date; truth?: ThroughTheDoorTruth } = {},
): Promise<ProgramProposal> {
  return proposeProgram({
    ...parts(node, tenantId),
    program: options.program ?? readProgram(starterProgramDir()),
    author,
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(options.truth ? { truth: options.truth } : {}),
  });
}

export function approveOnNode(
  node: NodeParts,
  tenantId: string,
  proposalId: string,
  approver: Actor,
): Promise<ProgramProposal> {
  return approveProgram({ ...parts(node, tenantId), proposalId, approver });
}

/** The starter program proposed by `author` and approved by `approver` in one go (the demo's first start). */
export function applyStarterOnNode(
  node: NodeParts,
  tenantId: string,
  people: { author: Actor; approver: Actor },
  asOf: Date,
  /** The demo book's truth: the scorecard's report then gives its through-the-door AUC. */
  truth?: ThroughTheDoorTruth,
): Promise<ProgramProposal> {
  return applyProgram({
    ...parts(node, tenantId),
    program: readProgram(starterProgramDir()),
    ...people,
    asOf,
    ...(truth ? { truth } : {}),
  });
}

/** A challenger for a program's model (default: the starter program), trained once labels came back; not approved. */
export function retrainOnNode(
  node: NodeParts,
  tenantId: string,
  author: Actor,
  options: {
    model: string;
    asOf?: Date;
    program?: RiskProgram;
    rejectInference?: RejectInferenceOptions;
    truth?: ThroughTheDoorTruth;
  },
): Promise<RetrainResult> {
  return retrainModel({
    store: node.store,
    tenantId,
    catalog: decisionCatalog(),
    policy: node.policy,
    author,
    ...(node.behaviour ? { behaviour: node.behaviour } : {}),
    ...options,
    program: options.program ?? readProgram(starterProgramDir()),
  });
}
