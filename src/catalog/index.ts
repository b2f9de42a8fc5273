/**
 * Every fact a decision carries, for the flows' type-checker, replays, backtests and training sets: application
 * facts, registered features (velocity, multi-lender), graph and device facts. A room above the decision path and
 * the capabilities that feed it, so the decision room never imports them (they implement its ports).
 */
import { createFieldCatalog, mergeFieldCatalogs, type FieldCatalog } from '../core/index.js';
import { APPLICATION_FACTS } from '../decision/index.js';
import { deviceFieldDefinitions } from '../device/index.js';
import { featureCatalog } from '../features/index.js';
import { graphFieldDefinitions } from '../graph/index.js';

export function decisionCatalog(): FieldCatalog {
  return mergeFieldCatalogs(
    APPLICATION_FACTS,
    featureCatalog(),
    createFieldCatalog([...graphFieldDefinitions, ...deviceFieldDefinitions]),
  );
}
