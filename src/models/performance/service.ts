/** A registered version's realised performance: the registry's development AUC and scaling, the book's outcomes. */
import { BAD_DPD } from '../../core/index.js';
import type { SqlExecutor } from '../../store/index.js';
import type { ModelRegistry } from '../registry/index.js';
import { realisedPerformance, type RealisedPerformance } from './realised.js';
import { realisedLoanRows } from './repository.js';

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
