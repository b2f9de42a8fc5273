/** Histogram gradient-boosted trees for binary credit targets: fit, score, explain (TreeSHAP), serialise. */
export { defaultGbdtParams, type GbdtParams } from './params.js';
export { fitGbdt, type GbdtFitHooks, type GbdtTrainSet, type GbdtValidSet } from './fit.js';
export { gbdtFromJSON, TreeEnsembleModel, type GbdtModel, type ModelSource } from './model.js';
export { buildForest, MISSING_LEFT, NAN_AS_ZERO, ZERO_IS_MISSING, type Forest, type TreeNodes } from './forest.js';
