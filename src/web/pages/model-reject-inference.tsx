/**
 * A scorecard's reject inference on its model report: which method, how many declined applications went in and as
 * how bad, and the model with and without it — on the held-out funded loans and, where the truth of the declined is
 * known (the demo book), through the door.
 */
import i18n from '../i18n';
import type { Answer } from '../api';
import { num } from '../format';

type Report = Answer<'/v1/models/{name}/versions/{version}/report', 'get'>;
type RejectInference = NonNullable<Report['rejectInference']>;

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${num(100 * x, 1)} %`);

export function RejectInferenceSection({ ri }: { ri: RejectInference }) {
  const t = ri.throughTheDoor;
  const rows: Array<[string, string, string]> = [
    [
      i18n.t('rejectInference.heldOut', { rows: ri.heldOut.rows }),
      num(ri.acceptedAuc, 3),
      num(ri.acceptedAucWithout, 3),
    ],
  ];
  if (t) {
    rows.push(
      [
        i18n.t('rejectInference.throughTheDoor', { applications: t.applications, declined: t.declined }),
        num(t.auc, 3),
        num(t.aucWithout, 3),
      ],
      [i18n.t('rejectInference.declinedAlone'), num(t.declinedAuc, 3), num(t.declinedAucWithout, 3)],
    );
  }
  rows.push([i18n.t('rejectInference.meanPd'), pct(ri.rejectMeanPd), pct(ri.rejectMeanPdWithout)]);
  return (
    <div>
      <h3>{i18n.t('rejectInference.title')}</h3>
      <p>
        {i18n.t('rejectInference.summary', {
          method: i18n.t(`rejectInference.${ri.method}`),
          rejects: ri.rejects,
          inferred: pct(ri.inferredRejectBadRate),
          accepted: ri.accepted,
          acceptedRate: pct(ri.accepted > 0 ? ri.acceptedBads / ri.accepted : null),
        })}
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{i18n.t('rejectInference.measure')}</th>
              <th scope="col">{i18n.t('rejectInference.with')}</th>
              <th scope="col">{i18n.t('rejectInference.without')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, w, wo]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{w}</td>
                <td>{wo}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        {t ? (
          <>
            {i18n.t('rejectInference.truth')} <code>{t.source}</code>
          </>
        ) : (
          i18n.t('rejectInference.noTruth')
        )}
      </p>
      {/* the server's note is English text, marked so a reader (and the zh-CN page check) knows it is not ours */}
      {ri.note ? (
        <p className="muted" lang="en">
          {ri.note}
        </p>
      ) : null}
    </div>
  );
}
