/**
 * Fraud graph: an application's neighbourhood (shared phones, devices, ids, cards…) and the rings it belongs to,
 * drawn with sigma.js on graphology. Identifiers arrive masked from the server and are shown as they arrive. Any
 * application node can be expanded. The same graph is listed as a table, for keyboards and screen readers, and
 * drawn as SVG where WebGL is unavailable.
 */
import i18n from '../i18n';
import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import Graph from 'graphology';
import Sigma from 'sigma';
import { useConsole } from '../session';
import { useLoad } from '../hooks';
import { Link, navigate } from '../router';
import { Loading, Outcome, Problem, Section } from '../components/ui';
import { num } from '../format';
import { ApiError, type Answer } from '../api';

type Neighbourhood = Answer<'/v1/graph/applications/{applicationId}', 'get'>;
type GNode = Neighbourhood['nodes'][number];
type GEdge = Neighbourhood['edges'][number];
type Ring = Neighbourhood['rings'][number];
type RingSummary = Answer<'/v1/graph/rings', 'get'>['items'][number];

// distinguishable on white, and with the outcome colours of applications
const KIND_COLORS: Record<string, string> = {
  application: '#1f4e8c',
  phone: '#b35c00',
  device: '#7a3e9d',
  ip: '#2f7d6d',
  nationalId: '#a1283b',
  email: '#5b6b00',
  bankCard: '#00607a',
  address: '#6d5400',
  employerPhone: '#8a4b2a',
  contact: '#4b5563',
};
const OUTCOME_COLORS: Record<string, string> = { decline: '#b3261e', review: '#a15c00', approve: '#1e6b35' };

const colorOf = (n: GNode) =>
  (n.kind === 'application' && n.outcome ? OUTCOME_COLORS[n.outcome] : undefined) ?? KIND_COLORS[n.kind] ?? '#444';

/** Rings around the centre by hop distance: deterministic, readable, no layout worker. */
function layout(center: string, nodes: Map<string, GNode>, edges: GEdge[]): Map<string, { x: number; y: number }> {
  const adj = new Map<string, string[]>();
  for (const e of edges) {
    adj.set(e.source, [...(adj.get(e.source) ?? []), e.target]);
    adj.set(e.target, [...(adj.get(e.target) ?? []), e.source]);
  }
  const hop = new Map<string, number>([[center, 0]]);
  const queue = [center];
  while (queue.length) {
    const n = queue.shift()!;
    for (const m of adj.get(n) ?? []) {
      if (!hop.has(m)) {
        hop.set(m, hop.get(n)! + 1);
        queue.push(m);
      }
    }
  }
  const byHop = new Map<number, string[]>();
  for (const id of nodes.keys()) {
    const h = hop.get(id) ?? 99;
    byHop.set(h, [...(byHop.get(h) ?? []), id]);
  }
  const pos = new Map<string, { x: number; y: number }>();
  for (const [h, ids] of byHop) {
    ids.sort();
    ids.forEach((id, i) => {
      if (h === 0) return pos.set(id, { x: 0, y: 0 });
      const a = (2 * Math.PI * i) / ids.length + h * 0.4;
      const r = Math.min(h, 6) * 100;
      pos.set(id, { x: r * Math.cos(a), y: r * Math.sin(a) });
    });
  }
  return pos;
}

function hasWebGL2(): boolean {
  try {
    return !!document.createElement('canvas').getContext('webgl2');
  } catch {
    return false;
  }
}

function Drawing({
  center,
  nodes,
  edges,
  onOpen,
}: {
  center: string;
  nodes: Map<string, GNode>;
  edges: GEdge[];
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const [mode, setMode] = useState<'webgl' | 'svg'>(() => (hasWebGL2() ? 'webgl' : 'svg'));
  const pos = layout(center, nodes, edges);
  const open = useRef(onOpen);
  open.current = onOpen;
  const [drawn, setDrawn] = useState({ nodes: 0, edges: 0 });

  useEffect(() => {
    if (mode !== 'webgl' || !host.current) return;
    const g = new Graph({ multi: true });
    for (const n of nodes.values()) {
      const p = pos.get(n.id)!;
      g.addNode(n.id, {
        ...p,
        size: n.id === center ? 14 : n.kind === 'application' ? 9 : 6,
        color: colorOf(n),
        label: n.label, // the server's masked label names the kind already
      });
    }
    for (const e of edges) {
      if (g.hasNode(e.source) && g.hasNode(e.target))
        g.addEdge(e.source, e.target, {
          size: 1.5,
          color: '#9aa4b2',
          label: t(`graph.kinds.${e.kind}`, { defaultValue: e.kind }),
        });
    }
    let sigma: Sigma | null = null;
    try {
      sigma = new Sigma(g, host.current, { settings: { renderEdgeLabels: false, labelRenderedSizeThreshold: 4 } });
      (sigma as unknown as { on(e: string, f: (p: { node: string }) => void): void }).on('clickNode', (p) =>
        open.current(p.node),
      );
      setDrawn({ nodes: g.order, edges: g.size });
    } catch {
      setMode('svg');
    }
    return () => sigma?.kill();
    // the drawing is rebuilt when the graph grows
  }, [mode, nodes, edges, center, t]);

  if (mode === 'svg') {
    const xs = [...pos.values()];
    const min = (f: (p: { x: number; y: number }) => number) => Math.min(...xs.map(f)) - 40;
    const max = (f: (p: { x: number; y: number }) => number) => Math.max(...xs.map(f)) + 40;
    const [x0, y0] = [min((p) => p.x), min((p) => p.y)];
    const [w, h] = [max((p) => p.x) - x0, max((p) => p.y) - y0];
    return (
      <div className="graph-canvas" data-renderer="svg" data-nodes={nodes.size} data-edges={edges.length}>
        <svg viewBox={`${x0} ${y0} ${w} ${h}`} role="img" aria-label={i18n.t('graphPage.svgLabel')}>
          {edges.map((e, i) => {
            const a = pos.get(e.source);
            const b = pos.get(e.target);
            return a && b ? <line key={i} x1={a.x} y1={a.y} x2={b.x} y2={b.y} className="edge" /> : null;
          })}
          {[...nodes.values()].map((n) => {
            const p = pos.get(n.id)!;
            return (
              <g key={n.id} onClick={() => onOpen(n.id)} className="node">
                <circle
                  cx={p.x}
                  cy={p.y}
                  r={n.id === center ? 14 : n.kind === 'application' ? 10 : 7}
                  fill={colorOf(n)}
                />
                <text x={p.x + 12} y={p.y + 4}>
                  {n.label}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    );
  }
  // the counts drawn, for tests and for anyone inspecting the canvas
  return (
    <div
      ref={host}
      className="graph-canvas"
      data-renderer="webgl"
      data-nodes={drawn.nodes}
      data-edges={drawn.edges}
      aria-hidden="true"
    />
  );
}

/** The book's largest rings: where the page opens when no application is asked for. */
function LargestRings({ rings, shown }: { rings: RingSummary[] | null; shown: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Section title={t('graph.largest')}>
      {rings === null ? (
        // the space the list takes, reserved while it loads (the drawing below does not jump)
        <div className="ring-list" aria-hidden="true" />
      ) : rings.length === 0 ? (
        <p className="muted">{t('graph.noRing')}</p>
      ) : (
        <ol data-testid="largest-rings" className="ring-list">
          {rings.map((r) => (
            <li key={r.ringId}>
              <strong>{r.ringId}</strong>:{' '}
              {t('graph.ringLine', {
                applications: num(r.applications),
                identities: num(r.identities),
                knownBad: num(r.knownBad),
                score: num(r.score, 2),
              })}{' '}
              —{' '}
              {t('graph.shared', {
                what:
                  Object.entries(r.sharedEntities)
                    .map(([k, n]) => `${n} ${t(`graph.kinds.${k}`, { defaultValue: k })}`)
                    .join(', ') || t('graph.nothingShared'),
              })}
              <div className="ids">
                {r.members.slice(0, 12).map((a) => (
                  <Link
                    key={a}
                    to={`/graph/${encodeURIComponent(a)}`}
                    className="chip"
                    aria-current={a === shown ? 'true' : undefined}
                  >
                    {a}
                  </Link>
                ))}
                {r.members.length > 12 ? <span className="muted"> +{r.applications - 12}</span> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export default function GraphPage({ applicationId: asked }: { applicationId?: string }) {
  const { api } = useConsole();
  const { t } = useTranslation();
  // without an application the page opens on the largest ring: its first member's neighbourhood is drawn
  const largest = useLoad(
    asked ? null : () => api.call(api.client.GET('/v1/graph/rings', { params: { query: { limit: 5 } } })),
    [api, asked],
  );
  const applicationId = asked ?? largest.data?.items[0]?.members[0];
  const [input, setInput] = useState(asked ?? '');
  const [nodes, setNodes] = useState<Map<string, GNode>>(new Map());
  const [edges, setEdges] = useState<GEdge[]>([]);
  const [rings, setRings] = useState<Ring[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [center, setCenter] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(false);

  const fetchHood = (id: string) =>
    api.call(
      api.client.GET('/v1/graph/applications/{applicationId}', {
        params: { path: { applicationId: id }, query: { depth: 2, limit: 200 } },
      }),
    );

  useEffect(() => {
    setNodes(new Map());
    setEdges([]);
    setRings([]);
    setExpanded(new Set());
    setError(null);
    if (!applicationId) return;
    setLoading(true);
    fetchHood(applicationId).then(
      (h) => {
        setCenter(h.center);
        setNodes(new Map(h.nodes.map((n) => [n.id, n])));
        setEdges(h.edges);
        setRings(h.rings);
        setTruncated(!!h.truncated);
        setExpanded(new Set([h.center]));
        setLoading(false);
      },
      (e: Error) => {
        setError(e);
        setLoading(false);
      },
    );
  }, [api, applicationId]);

  /** Merge another application's neighbourhood into the drawing. */
  const expand = async (nodeId: string) => {
    const n = nodes.get(nodeId);
    if (!n || n.kind !== 'application' || expanded.has(nodeId)) return;
    try {
      const h = await fetchHood(nodeId);
      setNodes((m) => {
        const next = new Map(m);
        for (const x of h.nodes) if (!next.has(x.id)) next.set(x.id, x);
        return next;
      });
      setEdges((es) => {
        const seen = new Set(es.map((e) => `${e.source}|${e.target}|${e.kind}`));
        return [...es, ...h.edges.filter((e) => !seen.has(`${e.source}|${e.target}|${e.kind}`))];
      });
      setRings((rs) => [...rs, ...h.rings.filter((r) => !rs.some((x) => x.ringId === r.ringId))]);
      setExpanded((s) => new Set([...s, nodeId]));
    } catch (e) {
      setError(e as Error);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (input.trim()) navigate(`/graph/${encodeURIComponent(input.trim())}`);
  };
  const kinds = [...new Set([...nodes.values()].map((n) => n.kind))];
  const sorted = [...nodes.values()].sort((a, b) =>
    a.kind === b.kind ? a.label.localeCompare(b.label) : a.kind.localeCompare(b.kind),
  );

  return (
    <>
      <h1>{t('graph.title')}</h1>
      <form className="filters card" role="search" onSubmit={submit}>
        <label>
          {t('graph.applicationId')}
          <input data-search value={input} onChange={(e) => setInput(e.target.value)} placeholder="APP-…  ( / )" />
        </label>
        <button type="submit">{t('graph.show')}</button>
      </form>
      <Problem error={largest.error} />
      {asked ? null : <LargestRings rings={largest.data?.items ?? null} shown={applicationId} />}
      <Problem
        error={
          error instanceof ApiError && error.status === 404 && applicationId
            ? new ApiError(404, t('graph.notInGraph', { id: applicationId }))
            : error
        }
      />
      <Loading loading={loading || largest.loading} />
      {center ? (
        <>
          <div className="graph-layout">
            <Drawing center={center} nodes={nodes} edges={edges} onOpen={(id) => void expand(id)} />
            <div>
              <h2>{t('graph.legend')}</h2>
              <ul className="legend-list">
                {kinds.map((k) => (
                  <li key={k}>
                    <i className="swatch" style={{ background: KIND_COLORS[k] ?? '#444' }} />{' '}
                    {t(`graph.kinds.${k}`, { defaultValue: k })} (
                    {[...nodes.values()].filter((n) => n.kind === k).length})
                  </li>
                ))}
                <li className="muted small">{t('graph.byOutcome')}</li>
              </ul>
            </div>
          </div>
          {truncated ? <p className="note">{t('graph.truncated')}</p> : null}
          <Section title={t('graph.rings')}>
            {rings.length === 0 ? (
              <p className="muted">{t('graph.inNoRing')}</p>
            ) : (
              <ul data-testid="rings">
                {rings.map((r) => (
                  <li key={r.ringId}>
                    <strong>{t('graph.ring', { id: r.ringId })}</strong>:{' '}
                    {t('graph.ringOf', { apps: r.applications.length, nodes: r.size })}
                    {t('graph.ringFacts', {
                      score: num(r.score, 2),
                      identities: num(r.identities),
                      shared:
                        r.shared.map((x) => `${num(x.count)} ${t(`graph.kinds.${x.kind}`)}`).join(t('graph.and')) ||
                        t('graph.noShared'),
                      knownBad: num(r.knownBad),
                    })}
                    <div className="ids">
                      {r.applications.slice(0, 12).map((a) => (
                        <Link key={a} to={`/graph/${encodeURIComponent(a)}`} className="chip">
                          {a}
                        </Link>
                      ))}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={t('graph.nodes')}>
            <div className="table-wrap scroll">
              <table data-testid="graph-nodes">
                <thead>
                  <tr>
                    <th scope="col">{t('graph.type')}</th>
                    <th scope="col">{t('graph.masked')}</th>
                    <th scope="col">{t('graph.ringCol')}</th>
                    <th scope="col">{t('graph.outcome')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('graph.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((n) => (
                    <tr key={n.id}>
                      <td>{t(`graph.kinds.${n.kind}`, { defaultValue: n.kind })}</td>
                      <td>
                        <code>{n.label}</code>
                        {n.id === center ? <span className="muted"> {t('graph.thisOne')}</span> : null}
                        {n.knownBad ? <span className="error"> {t('graph.knownBad')}</span> : null}
                        {n.hub ? <span className="muted"> {t('graph.hub')}</span> : null}
                      </td>
                      <td>{n.ringId ?? ''}</td>
                      <td>{n.outcome ? <Outcome outcome={n.outcome} /> : ''}</td>
                      <td>
                        {n.kind === 'application' ? (
                          <>
                            {!expanded.has(n.id) ? (
                              <button type="button" className="link" onClick={() => void expand(n.id)}>
                                {t('graph.expand')}
                              </button>
                            ) : null}{' '}
                            <Link to={`/decisions?applicationId=${encodeURIComponent(n.id)}`}>
                              {t('graph.decisions')}
                            </Link>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
        </>
      ) : (
        <div className="graph-canvas placeholder" aria-hidden="true" />
      )}
    </>
  );
}
