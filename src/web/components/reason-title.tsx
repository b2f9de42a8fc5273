/**
 * A reason code's short title in the console's language; codes themselves never change. A code of a family named by
 * what it tests — a model factor, a knock-out field, a list — names that feature, field or list, an identifier shown
 * as code in the title.
 */
import { Trans, useTranslation } from 'react-i18next';

export function ReasonTitle({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  if (i18n.exists(`reason.${code}`)) return <>{t(`reason.${code}`)}</>;
  const family = /^(MODEL|KO|LIST)_(.+)$/.exec(code);
  if (!family) return <>{code}</>;
  const rest = family[2]!.toLowerCase();
  if (family[1] === 'MODEL') return <Trans i18nKey="reason.model" values={{ feature: rest }} components={[<code />]} />;
  if (family[1] === 'KO')
    return (
      <Trans
        i18nKey="reason.knockout"
        values={{ field: rest.replace(/_(below_min|above_max)$/, '') }}
        components={[<code />]}
      />
    );
  return <Trans i18nKey="reason.list" values={{ list: rest }} components={[<code />]} />;
}

/**
 * A reason's message with the facts it quotes (`name = value`) marked: the fact's name is an identifier (a feature,
 * a field of the application) and reads as code in either language; the rest is the message's words.
 */
export function ReasonMessage({ text }: { text: string }) {
  const parts = text.split(/([A-Za-z_][\w.]*)(?= = )/);
  return <>{parts.map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}</>;
}
