/**
 * Fairness on a flow's backtest and at publish: approval rates by age band, sex and province for the live flow and
 * the draft, each with its adverse impact ratio against its most favoured group; groups under the tenant's
 * threshold are marked. And the publish gate's finding (a warning, or the refusal of a blocked publish).
 */
import { useTranslation } from 'react-i18next';
import type { JobResult, Problem } from '../api';
import { num, pct } from '../format';

type Fairness = NonNullable<JobResult<'flows.backtest'>['fairness']>;
type Report = Fairness['draft'];
type Dimension = Report['dimensions'][number];
export type GateCheck = NonNullable<Problem['fairness']>;

const groupsOf = (r: Report, d: Dimension['dimension']) => r.dimensions.find((x) => x.dimension === d)?.groups ?? [];

/** A rate, or for a group too small for one (under 30), its raw count: approved of applications. */
const rate = (g: { approvalRate?: number | null; approved: number; decisions: number } | undefined) =>
  !g
    ? '—'
    : g.approvalRate === null || g.approvalRate === undefined
      ? `${num(g.approved)}/${num(g.decisions)}`
      : pct(g.approvalRate);

export function BacktestFairness({ f }: { f: Fairness | null }) {
  const { t } = useTranslation();
  if (!f) return <p className="muted">{t('fairness.noGroups')}</p>;
  const flagged = f.draft.flagged;
  return (
    <div data-testid="backtest-fairness">
      <h3>{t('fairness.title')}</h3>
      {flagged.length ? (
        <p role="alert" className="danger">
          {t('fairness.flagged', { threshold: f.draft.threshold, groups: flagged.join(', ') })}
        </p>
      ) : (
        <p className="muted">{t('fairness.none', { threshold: f.draft.threshold })}</p>
      )}
      {f.draft.dimensions.map((dim) => {
        const live = groupsOf(f.baseline, dim.dimension);
        const liveRef = f.baseline.dimensions.find((x) => x.dimension === dim.dimension)?.reference ?? '—';
        return (
          <div key={dim.dimension} className="table-wrap">
            <table>
              <caption>
                {t(`fairness.dimensions.${dim.dimension}`)} ·{' '}
                {t('fairness.reference', { live: liveRef, draft: dim.reference ?? '—' })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('fairness.group')}</th>
                  <th scope="col">{t('fairness.decisions')}</th>
                  <th scope="col">{t('fairness.liveApproval')}</th>
                  <th scope="col">{t('fairness.liveRatio')}</th>
                  <th scope="col">{t('fairness.draftApproval')}</th>
                  <th scope="col">{t('fairness.draftRatio')}</th>
                  <th scope="col">{t('fairness.draftBadRate')}</th>
                </tr>
              </thead>
              <tbody>
                {dim.groups.map((g) => {
                  const b = live.find((x) => x.group === g.group);
                  return (
                    <tr key={g.group} className={g.flagged ? 'danger' : undefined}>
                      <th scope="row">
                        {g.group === 'unknown' ? t('fairness.unknown') : g.group}
                        {g.flagged ? ` ⚠ ${t('fairness.underThreshold')}` : ''}
                      </th>
                      <td>{num(g.decisions)}</td>
                      <td>{rate(b)}</td>
                      <td className={b?.flagged ? 'danger' : undefined}>{num(b?.adverseImpactRatio ?? null, 2)}</td>
                      <td>{rate(g)}</td>
                      <td>{num(g.adverseImpactRatio ?? null, 2)}</td>
                      <td>{pct(g.badRate ?? null)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}

/** What the gate found at publish: groups under the threshold (warn) or the reason a publish was refused (block). */
export function GateFinding({ check, refused }: { check: GateCheck; refused: boolean }) {
  const { t } = useTranslation();
  if (!refused && check.flagged.length === 0)
    return (
      <p className="muted" data-testid="gate-finding">
        {t('fairness.gatePassed', { rows: num(check.rows), threshold: check.threshold })}
      </p>
    );
  return (
    <div role="alert" className={refused ? 'problem' : 'danger'} data-testid="gate-finding">
      <strong>
        {refused
          ? t('fairness.gateBlocked', { threshold: check.threshold })
          : t('fairness.gateWarned', { threshold: check.threshold })}
      </strong>
      <ul>
        {check.flagged.map((f) => (
          <li key={`${f.dimension}:${f.group}`}>
            {t('fairness.gateGroup', {
              dimension: t(`fairness.dimensions.${f.dimension}`),
              group: f.group,
              ratio: num(f.adverseImpactRatio, 2),
              reference: f.reference,
            })}
          </li>
        ))}
      </ul>
      <p className="muted small">{t('fairness.gateRows', { rows: num(check.rows) })}</p>
    </div>
  );
}
