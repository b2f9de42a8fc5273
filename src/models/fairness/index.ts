/** Fairness of a model version's decisions by age band, sex and province: rates and adverse impact ratios. */
import { BAD_DPD, fairnessReport, type FairnessReport } from '../../core/index.js';
import type { SqlExecutor } from '../../store/index.js';
import type { ModelRegistry } from '../registry/index.js';
import { groupCounts } from './repository.js';

export * from './repository.js';
export {
  fairnessReport,
  DEFAULT_AIR_THRESHOLD,
  MIN_GROUP_DECISIONS,
  MIN_GROUP_JUDGED,
  type FairnessReport,
  type GroupCounts,
  type GroupDimension,
  type GroupFairness,
} from '../../core/index.js';

export async function modelFairness(
  db: SqlExecutor,
  registry: ModelRegistry,
  tenantId: string,
  name: string,
  version: number,
  options: { asOf?: Date; threshold?: number } = {},
): Promise<FairnessReport> {
  await registry.info(tenantId, name, version); // 404 before any book query
  const asOf = options.asOf ?? new Date();
  const counts = await groupCounts(db, { tenantId, name, version, asOf, judgeAfterDays: BAD_DPD });
  return fairnessReport(counts, { asOf, ...(options.threshold !== undefined ? { threshold: options.threshold } : {}) });
}
