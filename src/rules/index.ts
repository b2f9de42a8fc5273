/** Policy engine face: expression language, lists, decision flows, backtest and shadow comparison. */
export * from './expr/index.js';
export * from './lists/index.js';
export * from './flow/index.js';
export * from './backtest/index.js';
export {
  addListEntriesIn,
  saveListDefinitionIn,
  sqlFlowRepository,
  sqlListRepository,
  type SqlQuery,
  type SqlTransactional,
} from './store/sql.js';
export { flowVersionLabel, type LiveFlows } from './service.js';
