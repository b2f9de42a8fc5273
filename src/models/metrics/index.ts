export { auc, ks, ksCurve, rocCurve, orderByScore } from './auc.js';
export * from './tables.js';
export {
  psi,
  psiFromCounts,
  countInto,
  csi,
  baselineEdges,
  PSI_EPSILON,
  type PsiResult,
  type PsiRow,
} from './stability.js';
