/**
 * Multi-lender ("multi-head") feature names, BaiRong-style. Scheme:
 *
 *   ml_<entity>_<institution>_<metric>_<window>   windowed counts, e.g. ml_id_all_orgs_1m, ml_phone_online_apps_7d
 *   ml_<entity>_<institution>_<metric>            state as of the application, e.g. ml_id_all_overdue_now
 *
 * entity: id | phone; institution: bank | consfin | micro | online | all; window: 7d 15d 1m 3m 6m 12m.
 * Every value describes other institutions' events strictly before the application time.
 */
import type { FieldDefinition } from '../../core/fields.js';
import { LENDER_WINDOWS } from '../windows.js';

export const ENTITIES = ['id', 'phone'] as const;
/** Same order as InstitutionTypes, then `all`. */
export const INSTITUTION_LABELS = ['bank', 'consfin', 'micro', 'online', 'all'] as const;
export const ALL_INSTITUTIONS = 4;

export const WINDOWED_METRICS = [
  { metric: 'apps', description: 'applications' },
  { metric: 'orgs', description: 'distinct institutions applied to' },
  { metric: 'night_apps', description: 'applications submitted at night (22:00-06:00)' },
  { metric: 'approvals', description: 'approvals' },
  { metric: 'loans', description: 'loans opened' },
  { metric: 'max_dpd', description: 'maximum days past due reported' },
] as const;

export const STATE_METRICS = [
  { metric: 'loans_open', description: 'loans open (opened, not yet settled or written off)' },
  { metric: 'outstanding', description: 'outstanding principal on open loans (principal minus repayments)' },
  { metric: 'overdue_now', description: 'loans currently overdue (latest report has dpd > 0)' },
  { metric: 'overdue_ever', description: 'loans ever reported overdue or written off' },
  { metric: 'max_dpd_ever', description: 'maximum days past due ever reported' },
  { metric: 'days_since_app', description: 'days since the latest application (null when none)' },
] as const;

export const N_WINDOWS = LENDER_WINDOWS.length;
export const PER_INSTITUTION = WINDOWED_METRICS.length * N_WINDOWS + STATE_METRICS.length;
export const PER_ENTITY = PER_INSTITUTION * INSTITUTION_LABELS.length;
export const N_MULTILENDER = PER_ENTITY * ENTITIES.length;

/** Offset of a windowed metric inside the multi-lender vector. */
export function windowedOffset(entity: number, inst: number, metric: number, window: number): number {
  return entity * PER_ENTITY + inst * PER_INSTITUTION + metric * N_WINDOWS + window;
}

export function stateOffset(entity: number, inst: number, metric: number): number {
  return entity * PER_ENTITY + inst * PER_INSTITUTION + WINDOWED_METRICS.length * N_WINDOWS + metric;
}

const ENTITY_WORDS = { id: 'national id', phone: 'phone' } as const;
const INST_WORDS = {
  bank: 'banks',
  consfin: 'consumer-finance companies',
  micro: 'microlenders',
  online: 'online lenders',
  all: 'all institutions',
} as const;

/** Field definitions in vector order. */
export function multilenderFieldDefinitions(): FieldDefinition[] {
  const defs: FieldDefinition[] = [];
  for (const entity of ENTITIES) {
    for (const inst of INSTITUTION_LABELS) {
      for (const m of WINDOWED_METRICS) {
        for (const w of LENDER_WINDOWS) {
          defs.push({
            name: `ml_${entity}_${inst}_${m.metric}_${w.label}`,
            type: 'number',
            description: `${m.description} at ${INST_WORDS[inst]} (by ${ENTITY_WORDS[entity]}), last ${w.label}`,
            entity: entity === 'id' ? 'nationalId' : 'phone',
            window: w.label,
            owner: 'features/multilender',
          });
        }
      }
      for (const m of STATE_METRICS) {
        defs.push({
          name: `ml_${entity}_${inst}_${m.metric}`,
          type: 'number',
          description: `${m.description} at ${INST_WORDS[inst]} (by ${ENTITY_WORDS[entity]})`,
          entity: entity === 'id' ? 'nationalId' : 'phone',
          owner: 'features/multilender',
        });
      }
    }
  }
  return defs;
}
