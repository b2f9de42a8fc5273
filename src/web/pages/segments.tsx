/**
 * Marketing on the portfolio page: segment the book (RFM or k-means) and look a pre-screened campaign up by id —
 * offers made, exclusions by reason, take-up and the later bad rate (the /v1/marketing and /v1/campaigns API).
 */
import { useState, type FormEvent } from 'react';
import { useConsole } from '../session';
import { num, pct, value } from '../format';
import { Problem, Section } from '../components/ui';

interface Profile {
  segment: string;
  size: number;
  share: number;
  badRate: number;
  utilisation: number;
  revenuePerCustomer: number;
}
// RFM answers at once, k-means as a job's result: neither is typed by the API yet, these are the fields shown
interface Segmentation {
  method: 'rfm' | 'kmeans';
  customers?: number;
  k?: number;
  silhouette?: number;
  profiles: Profile[];
}

export function Segments() {
  const { api } = useConsole();
  const [method, setMethod] = useState<'rfm' | 'kmeans'>('rfm');
  const [result, setResult] = useState<Segmentation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [campaignId, setCampaignId] = useState('');
  const [campaign, setCampaign] = useState<Record<string, unknown> | null>(null);

  const segment = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // k-means runs as a background job: the console waits for its result
      setResult(
        await api.awaitJob<Segmentation>(api.client.POST('/v1/marketing/segments', { body: { method, seed: 42 } })),
      );
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
      const found = await api.call(
        api.client.GET('/v1/campaigns/{campaignId}', { params: { path: { campaignId: campaignId.trim() } } }),
      );
      // shown field by field as it arrives: the route has no response schema yet
      setCampaign(found as Record<string, unknown>);
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <Section title="Segments and campaigns">
      <div className="cols">
        <form className="filters" onSubmit={(e) => void segment(e)}>
          <label>
            Method
            <select value={method} onChange={(e) => setMethod(e.target.value as 'rfm' | 'kmeans')}>
              <option value="rfm">RFM</option>
              <option value="kmeans">k-means (best silhouette)</option>
            </select>
          </label>
          <button type="submit" disabled={busy}>
            {busy ? 'Segmenting…' : 'Segment the book'}
          </button>
        </form>
        <form className="filters" onSubmit={(e) => void lookUp(e)}>
          <label>
            Campaign id
            <input value={campaignId} onChange={(e) => setCampaignId(e.target.value)} required />
          </label>
          <button type="submit">Show campaign</button>
        </form>
      </div>
      <Problem error={error} what="Marketing" />
      {result ? (
        <>
          <p>
            {num(result.customers ?? null)} customers
            {result.k ? ` · k = ${result.k}, silhouette ${num(result.silhouette ?? null, 3)}` : ''}
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Segment</th>
                  <th scope="col">Customers</th>
                  <th scope="col">Share</th>
                  <th scope="col">Bad rate</th>
                  <th scope="col">Utilisation</th>
                  <th scope="col">Revenue per customer</th>
                </tr>
              </thead>
              <tbody>
                {result.profiles.map((p) => (
                  <tr key={p.segment}>
                    <td>{p.segment}</td>
                    <td>{num(p.size)}</td>
                    <td>{pct(p.share)}</td>
                    <td>{pct(p.badRate)}</td>
                    <td>{pct(p.utilisation)}</td>
                    <td>{num(p.revenuePerCustomer, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {campaign ? (
        <dl className="tiles">
          {Object.entries(campaign)
            .filter(([, v]) => typeof v !== 'object' || v === null)
            .map(([k, v]) => (
              <div className="tile" key={k}>
                <dt>{k}</dt>
                <dd>{value(v)}</dd>
              </div>
            ))}
        </dl>
      ) : null}
    </Section>
  );
}
