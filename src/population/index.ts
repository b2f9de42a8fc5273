/** Synthetic lending population with ground truth: generator, config, table specs and file writers. */
export { defaultPopulationConfig, resolvePopulationConfig } from './config.js';
export type { PopulationConfig, PopulationOverrides } from './config.js';
export { ChunkGenerator, PopulationGenerator, generatePopulation } from './generator.js';
export { CHUNK_SIZE, PopulationPlan, generateInstitutions } from './plan.js';
export { isLuhnValid, isValidNationalId, luhnCheckDigit, nationalIdCheck } from './identity.js';
export { createRng, seedFromString } from './prng.js';
export type { Rng } from './prng.js';
export { tableOrder, tableSpecs } from './tables.js';
export type { ColumnKind, ColumnSpec } from './tables.js';
export { writePopulation } from './write.js';
export type { PopulationFormat, PopulationSummary, WritePopulationOptions } from './write.js';
export { csvField, encodeChunk } from './encode.js';
export type * from './types.js';
