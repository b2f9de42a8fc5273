/** A reason code's short title in the console's language; codes themselves never change. */
import type { TFunction } from 'i18next';

export function reasonTitle(t: TFunction, exists: (key: string) => boolean, code: string): string {
  if (exists(`reason.${code}`)) return t(`reason.${code}`);
  // families named by what they test: a model factor, a knock-out field, a list
  const family = /^(MODEL|KO|LIST)_(.+)$/.exec(code);
  if (family) {
    const rest = family[2]!.toLowerCase();
    if (family[1] === 'MODEL') return t('reason.model', { feature: rest });
    if (family[1] === 'KO') return t('reason.knockout', { field: rest.replace(/_(below_min|above_max)$/, '') });
    return t('reason.list', { list: rest });
  }
  return code;
}
