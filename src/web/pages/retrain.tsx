/**
 * Retraining from the models page: a challenger for one of the starter program's models, fitted on the outcomes
 * that came back and scored with the champion on the same out-of-time months (a background job the page waits
 * for). The challenger lands as a draft: an admin other than the person who retrained it approves it below.
 */
import i18n from '../i18n';
import { useState } from 'react';
import { can, useConsole } from '../session';
import { num } from '../format';
import type { JobResult } from '../api';
import { Problem, Section } from '../components/ui';

/** A retrained challenger against the champion on the same out-of-time rows: the result of the retrain job. */
type RetrainResult = JobResult<'retrain'>;
export type ChampionComparison = RetrainResult['comparison'];
type Scores = ChampionComparison['challenger'];

/** The same rows scored by both models: challenger, champion and the difference. */
export function ComparisonTable({ name, version, c }: { name: string; version: number; c: ChampionComparison }) {
  const rows: Array<[string, Scores | { auc: number; ks: number; psi: number; gini?: number }]> = [
    [`${i18n.t('flows.roles.challenger')} ${name}@${version}`, c.challenger],
    ...(c.champion
      ? [[`${i18n.t('flows.roles.champion')} ${name}@${c.champion.version}`, c.champion] as [string, Scores]]
      : []),
    ...(c.delta
      ? [
          [`${i18n.t('flows.roles.challenger')} − ${i18n.t('flows.roles.champion')}`, c.delta] as [
            string,
            typeof c.delta,
          ],
        ]
      : []),
  ];
  return (
    <>
      <p className="muted">
        {i18n.t('retrain.outOfTime', { rows: num(c.rows), from: c.outOfTimeFrom, bads: num(c.bads) })}
        {c.champion ? '' : ` ${i18n.t('retrain.noChampion')}`} {i18n.t('retrain.psiNote')}
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{i18n.t('models.model')}</th>
              <th scope="col">AUC</th>
              <th scope="col">KS</th>
              <th scope="col">PSI</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, s]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{num(s.auc, 3)}</td>
                <td>{num(s.ks, 3)}</td>
                <td>{num(s.psi, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function Retrain({ names, onDone }: { names: string[]; onDone: () => void }) {
  const { api, session } = useConsole();
  const [model, setModel] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<Error | null>(null);
  const [result, setResult] = useState<RetrainResult | null>(null);
  const chosen = model || names[0] || '';
  if (!can.draft(session) || names.length === 0) return null;

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await api.awaitJob(
        'retrain',
        api.client.POST('/v1/models/{name}/retrain', { params: { path: { name: chosen } }, body: {} }),
        setProgress,
      );
      setResult(r);
      onDone();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={i18n.t('more.retrain')}>
      <div className="filters">
        <label>
          {i18n.t('models.model')}
          <select value={chosen} onChange={(e) => setModel(e.target.value)}>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy || !chosen} onClick={() => void run()}>
          {busy ? i18n.t('retrain.busy', { share: Math.round(progress * 100) }) : i18n.t('retrain.run')}
        </button>
      </div>
      <Problem error={error} what={i18n.t('retrain.what')} />
      {result ? (
        <>
          <p role="status" className="ok">
            <code>
              {result.challenger.name}@{result.challenger.version}
            </code>{' '}
            {i18n.t('retrain.done', { rows: num(result.trainedOn.rows) })}
          </p>
          <ComparisonTable name={result.challenger.name} version={result.challenger.version} c={result.comparison} />
        </>
      ) : null}
    </Section>
  );
}
