/** A registered version's realised performance: the registry's development AUC and scaling, the book's outcomes. */
import { BAD_DPD, NotFoundError } from '../../core/index.js';
import type { SqlExecutor } from '../../store/index.js';
import type { ModelRegistry } from '../registry/index.js';
import { realisedPerformance, type RealisedPerformance } from './realised.js';
import { flowRealisedLoanRows, flowVersionExists, realisedLoanRows } from './repository.js';

export async function modelPerformance(
  db: SqlExecutor,
  registry: ModelRegistry,
  tenantId: string,
  name: string,
  version: number,
  options: { asOf?: Date; judgeAfterDays?: number; aucMargin?: number } = {},
): Promise<RealisedPerformance> {
  const info = await registry.info(tenantId, name, version); // 404 before any book query
  const model = await registry.load(tenantId, name, version);
  const asOf = options.asOf ?? new Date();
  const judgeAfterDays = options.judgeAfterDays ?? BAD_DPD;
  const rows = await realisedLoanRows(db, { tenantId, name, version, asOf, judgeAfterDays });
  // the held-out AUC it was registered with; versions from before metrics carried it keep it in the stored report
  const dev = info.metrics.auc ?? (await registry.report(tenantId, name, version))?.auc;
  return realisedPerformance(rows, {
    asOf,
    judgeAfterDays,
    developmentAuc: typeof dev === 'number' && Number.isFinite(dev) ? dev : null,
    ...(options.aucMargin !== undefined ? { aucMargin: options.aucMargin } : {}),
    ...(model.kind === 'scorecard' ? { scaling: model.scorecard.spec.scaling } : {}),
  });
}

/**
 * A flow version's realised performance on the decisions it made, ranked by the decision's score (its primary model's
 * points plus rule adjustments). A flow has no development AUC, so the alert stays `unknown`: its models carry one.
 */
export async function flowPerformance(
  db: SqlExecutor,
  tenantId: string,
  flowId: string,
  version: number,
  options: { asOf?: Date; judgeAfterDays?: number } = {},
): Promise<RealisedPerformance> {
  if (!(await flowVersionExists(db, tenantId, flowId, version)))
    throw new NotFoundError(`flow ${flowId} version ${version}`);
  const asOf = options.asOf ?? new Date();
  const judgeAfterDays = options.judgeAfterDays ?? BAD_DPD;
  const flowVersion = `${flowId}@${version}`;
  const rows = await flowRealisedLoanRows(db, { tenantId, flowVersion, asOf, judgeAfterDays });
  return realisedPerformance(rows, { asOf, judgeAfterDays, developmentAuc: null, predicted: false });
}
