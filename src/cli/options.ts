/** Option and argument parsing shared by the command files (kept out of ./commands, whose files each register). */
import { ValidationError } from '../core/index.js';

/** `--as-of`: absent, or a date (a typed error naming the option otherwise). */
export const asOfOption = (raw: string | undefined): { asOf?: Date } => {
  if (raw === undefined) return {};
  const d = new Date(raw);
  if (Number.isNaN(d.getTime()))
    throw new ValidationError(`--as-of ${raw} is not a date`, [{ path: '--as-of', message: raw }]);
  return { asOf: d };
};

/** A model or flow version given as an argument: a positive whole number. */
export function versionArgument(raw: string): number {
  if (!/^[1-9][0-9]*$/.test(raw)) throw new Error(`version ${raw} is not a positive whole number`);
  return Number(raw);
}
