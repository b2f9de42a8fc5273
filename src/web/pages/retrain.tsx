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
    [`challenger ${name}@${version}`, c.challenger],
    ...(c.champion ? [[`champion ${name}@${c.champion.version}`, c.champion] as [string, Scores]] : []),
    ...(c.delta ? [['challenger − champion', c.delta] as [string, typeof c.delta]] : []),
  ];
  return (
    <>
      <p className="muted">
        Out of time: {c.rows} loans from {c.outOfTimeFrom} ({c.bads} bad), scored by both models.
        {c.champion ? '' : ' No approved version to compare with.'} PSI: each model&apos;s score from the training
        months to these (0.1 watch, 0.25 act).
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Model</th>
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
          Model
          <select value={chosen} onChange={(e) => setModel(e.target.value)}>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy || !chosen} onClick={() => void run()}>
          {busy ? `Retraining… ${Math.round(progress * 100)} %` : 'Retrain'}
        </button>
      </div>
      <Problem error={error} what="The retrain" />
      {result ? (
        <>
          <p role="status" className="ok">
            {result.challenger.name}@{result.challenger.version} registered as a draft, trained on{' '}
            {result.trainedOn.rows} loans: another person approves it before a flow may call it.
          </p>
          <ComparisonTable name={result.challenger.name} version={result.challenger.version} c={result.comparison} />
        </>
      ) : null}
    </Section>
  );
}
