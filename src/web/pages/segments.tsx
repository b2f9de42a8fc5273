/**
 * Marketing on the portfolio page: segment the book (RFM or k-means) and look a pre-screened campaign up by id —
 * offers made, exclusions by reason, take-up and the later bad rate (the /v1/marketing and /v1/campaigns API).
 */
import i18n from '../i18n';
import { useState, type FormEvent } from 'react';
import { useConsole } from '../session';
import { money, num, pct } from '../format';
import type { Answer, JobResult } from '../api';
import { Problem, Section } from '../components/ui';

/** RFM segments answer at once; k-means runs as a background job whose result is its segmentation. */
type Segmentation = Answer<'/v1/marketing/segments', 'post'> | JobResult<'segments'>;
type CampaignResults = Answer<'/v1/campaigns/{campaignId}', 'get'>;

export function Segments() {
  const { api } = useConsole();
  const [method, setMethod] = useState<'rfm' | 'kmeans'>('rfm');
  const [result, setResult] = useState<Segmentation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [campaignId, setCampaignId] = useState('');
  const [campaign, setCampaign] = useState<CampaignResults | null>(null);

  const segment = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const started = api.client.POST('/v1/marketing/segments', { body: { method, seed: 42 } });
      // k-means runs as a background job: the console waits for its result
      if (method === 'kmeans') setResult(await api.awaitJob('segments', started));
      else {
        const rfm = await api.call(started);
        if ('jobId' in rfm) throw new Error('RFM segments answered with a job');
        setResult(rfm);
      }
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const lookUp = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setCampaign(
        await api.call(
          api.client.GET('/v1/campaigns/{campaignId}', { params: { path: { campaignId: campaignId.trim() } } }),
        ),
      );
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <Section title={i18n.t('more.segments')}>
      <div className="cols">
        <form className="filters" onSubmit={(e) => void segment(e)}>
          <label>
            {i18n.t('segments.method')}
            <select value={method} onChange={(e) => setMethod(e.target.value as 'rfm' | 'kmeans')}>
              <option value="rfm">RFM</option>
              <option value="kmeans">{i18n.t('segments.kmeans')}</option>
            </select>
          </label>
          <button type="submit" disabled={busy}>
            {busy ? i18n.t('segments.busy') : i18n.t('segments.run')}
          </button>
        </form>
        <form className="filters" onSubmit={(e) => void lookUp(e)}>
          <label>
            {i18n.t('segments.campaignId')}
            <input value={campaignId} onChange={(e) => setCampaignId(e.target.value)} required />
          </label>
          <button type="submit">{i18n.t('segments.show')}</button>
        </form>
      </div>
      <Problem error={error} what={i18n.t('segments.what')} />
      {result ? (
        <>
          <p>
            {i18n.t('segments.customersCount', { count: num(result.customers) })}
            {result.method === 'kmeans'
              ? ` · k = ${result.k}, ${i18n.t('segments.silhouette', { value: num(result.silhouette, 3) })}`
              : ''}
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{i18n.t('segments.segment')}</th>
                  <th scope="col">{i18n.t('segments.customers')}</th>
                  <th scope="col">{i18n.t('segments.share')}</th>
                  <th scope="col">{i18n.t('segments.badRate')}</th>
                  <th scope="col">{i18n.t('segments.utilisation')}</th>
                  <th scope="col">{i18n.t('segments.revenue')}</th>
                </tr>
              </thead>
              <tbody>
                {result.profiles.map((p) => (
                  <tr key={p.segment}>
                    <td>
                      <code>{p.segment}</code>
                    </td>
                    <td>{num(p.size)}</td>
                    <td>{pct(p.share)}</td>
                    <td>{pct(p.badRate)}</td>
                    <td>{pct(p.utilisation)}</td>
                    <td>{money(p.revenuePerCustomer)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {campaign ? (
        <dl className="tiles">
          {(
            [
              [i18n.t('segments.campaign'), <span lang="">{campaign.name}</span>],
              [i18n.t('segments.prospects'), num(campaign.summary.prospects)],
              [i18n.t('segments.offers'), num(campaign.summary.offers)],
              [i18n.t('segments.excluded'), num(campaign.summary.excluded)],
              [i18n.t('segments.averageLimit'), money(campaign.summary.averageLimit, 0)],
              [i18n.t('segments.takenUp'), num(campaign.takenUp)],
              [i18n.t('segments.takeUpRate'), pct(campaign.takeUpRate)],
              [i18n.t('segments.loans'), num(campaign.loans)],
              [i18n.t('segments.badRateTaken'), pct(campaign.badRate)],
            ] as const
          ).map(([label, shown]) => (
            <div className="tile" key={label}>
              <dt>{label}</dt>
              <dd>{shown}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </Section>
  );
}
