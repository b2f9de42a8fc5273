/**
 * The feature registry: every feature is declared once, as a FieldDefinition (what rules and the model workbench
 * see) plus how it is computed. The order here is the order of the feature vector the engine fills, online for one
 * application and offline for a million rows, so both paths read the same definitions.
 */
import { createFieldCatalog, type FieldCatalog, type FieldDefinition } from '../core/fields.js';
import { VELOCITY_SPECS, velocityFieldDefinitions, type VelocitySpec } from './velocity/specs.js';
import { multilenderFieldDefinitions, N_MULTILENDER } from './multilender/definitions.js';
import { VELOCITY_WINDOWS, type VelocityWindow } from './windows.js';

export type FeatureCompute =
  { kind: 'velocity'; spec: VelocitySpec; window: VelocityWindow } | { kind: 'multilender'; position: number };

export interface FeatureDefinition extends FieldDefinition {
  compute: FeatureCompute;
}

export interface FeatureRegistry {
  readonly definitions: readonly FeatureDefinition[];
  readonly names: readonly string[];
  readonly catalog: FieldCatalog;
  readonly velocitySpecs: readonly VelocitySpec[];
  readonly velocityWindows: readonly VelocityWindow[];
  /** Vector layout: velocity block first, then the multi-lender block. */
  readonly velocityOffset: number;
  readonly multilenderOffset: number;
  readonly size: number;
}

export function createFeatureRegistry(
  velocitySpecs: readonly VelocitySpec[] = VELOCITY_SPECS,
  velocityWindows: readonly VelocityWindow[] = VELOCITY_WINDOWS,
): FeatureRegistry {
  const definitions: FeatureDefinition[] = [];
  const vel = velocityFieldDefinitions(velocitySpecs, velocityWindows);
  vel.forEach((d, i) => {
    const spec = velocitySpecs[Math.floor(i / velocityWindows.length)]!;
    const window = velocityWindows[i % velocityWindows.length]!;
    definitions.push({ ...d, compute: { kind: 'velocity', spec, window } });
  });
  const ml = multilenderFieldDefinitions();
  if (ml.length !== N_MULTILENDER) throw new Error('multi-lender layout and definitions disagree');
  ml.forEach((d, position) => definitions.push({ ...d, compute: { kind: 'multilender', position } }));
  const catalog = createFieldCatalog(definitions.map(({ compute: _c, ...field }) => field));
  return {
    definitions,
    names: definitions.map((d) => d.name),
    catalog,
    velocitySpecs,
    velocityWindows,
    velocityOffset: 0,
    multilenderOffset: vel.length,
    size: definitions.length,
  };
}

/** The catalogue of every feature, for the rules type-checker and the model workbench. */
export function featureCatalog(): FieldCatalog {
  return createFeatureRegistry().catalog;
}
