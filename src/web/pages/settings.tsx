/**
 * Tenant settings an admin keeps: the fairness gate flows are published under (off, warn, block; the adverse impact
 * threshold). Everyone who reads flows sees it; only an admin changes it (the API decides, the page only hides).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useConsole } from '../session';
import { useLoad } from '../hooks';
import { Loading, Problem, Section } from '../components/ui';

const MODES = ['off', 'warn', 'block'] as const;
type Mode = (typeof MODES)[number];

export function Settings() {
  const { t } = useTranslation();
  const { api, session } = useConsole();
  const gate = useLoad(() => api.call(api.client.GET('/v1/settings/fairness')), [api]);
  const [mode, setMode] = useState<Mode>('warn');
  const [threshold, setThreshold] = useState('0.8');
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    if (!gate.data) return;
    setMode(gate.data.mode);
    setThreshold(String(gate.data.threshold));
  }, [gate.data]);

  const save = async () => {
    setError(null);
    setSaved('');
    try {
      const next = await api.call(
        // the threshold goes as typed: the API answers a bad one with a 400 naming the field
        api.client.PUT('/v1/settings/fairness', { body: { mode, threshold: Number(threshold) } }),
      );
      setSaved(t('settings.saved', { mode: t(`settings.modes.${next.mode}`), threshold: next.threshold }));
      gate.reload();
    } catch (e) {
      setError(e as Error);
    }
  };

  const admin = can.publish(session);
  return (
    <>
      <div className="page-head">
        <h1>{t('settings.title')}</h1>
      </div>
      <Section title={t('settings.fairness')}>
        <p className="muted">{t('settings.fairnessHelp')}</p>
        <Problem error={gate.error} what={t('settings.fairness')} />
        <Loading loading={gate.loading} />
        <form
          data-testid="fairness-gate"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset disabled={!admin}>
            <legend>{t('settings.mode')}</legend>
            {MODES.map((m) => (
              <label key={m} className="inline">
                <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />{' '}
                {t(`settings.modes.${m}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('settings.threshold')}{' '}
            <input
              name="threshold"
              inputMode="decimal"
              value={threshold}
              disabled={!admin}
              onChange={(e) => setThreshold(e.target.value)}
              aria-describedby="threshold-help"
            />
          </label>
          <p id="threshold-help" className="muted small">
            {t('settings.thresholdHelp')}
          </p>
          <button type="submit" disabled={!admin}>
            {t('settings.save')}
          </button>
          {admin ? null : <p className="muted small">{t('settings.adminOnly')}</p>}
        </form>
        <Problem error={error} />
        {saved ? (
          <p role="status" className="ok">
            {saved}
          </p>
        ) : null}
      </Section>
    </>
  );
}
