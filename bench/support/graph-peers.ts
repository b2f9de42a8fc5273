/**
 * Graph bench pieces beside the association graph itself: the networkx peer on the same edge list (build-1m), and
 * the rings CLI on a generated book's applications.csv with strong links only and with every link column
 * (rings-strong, rings-all-links), scored against the generator's truth.csv.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { AssociationGraph } from '../../src/graph/index.js';
import { ringsFromCsv } from '../../src/graph/index.js';
import { writePopulation } from '../../src/population/index.js';
import type { BenchResult } from '../lib.js';

/** networkx on the graph's application–entity pairs: build, connected components, Louvain. */
export function networkxPeer(graph: AssociationGraph, label: string, louvain: boolean, log: (m: string) => void) {
  try {
    execFileSync('python3', ['-c', 'import networkx, numpy'], { stdio: 'ignore' });
  } catch {
    log('networkx peer skipped: python3 with networkx and numpy not found (Debian python3-networkx)');
    return [];
  }
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-graph-peer-'));
  try {
    const pairs = new Int32Array(graph.halfEdgeCount);
    let k = 0;
    for (let v = 0; v < graph.nodeCount; v++) {
      if (!graph.isApplication(v)) continue;
      graph.forEachNeighbour(v, (entity) => {
        pairs[k++] = v;
        pairs[k++] = entity;
      });
    }
    const file = join(dir, 'edges.i32');
    writeFileSync(file, pairs.subarray(0, k));
    // dist/bench/support/ when built, bench/support/ when run from source
    const script = ['../../../bench/graph_peers.py', '../../bench/graph_peers.py']
      .map((p) => fileURLToPath(new URL(p, import.meta.url)))
      .find((p) => existsSync(p))!;
    const r = JSON.parse(
      execFileSync('python3', [script, file, louvain ? '1' : '0'], { encoding: 'utf8', maxBuffer: 1 << 20 }),
    ) as {
      edges: number;
      nodes: number;
      buildSeconds: number;
      components: number;
      componentsSeconds: number;
      communities?: number;
      louvainSeconds?: number;
    };
    log(`networkx: ${JSON.stringify(r)}`);
    const rows: BenchResult[] = [
      {
        subject: 'networkx',
        case: label,
        metric: 'seconds',
        value: r.buildSeconds + r.componentsSeconds,
        unit: 's',
        note: `Graph from the same ${r.edges} pairs ${r.buildSeconds.toFixed(1)} s + connected components ${r.componentsSeconds.toFixed(1)} s (${r.components})`,
      },
    ];
    if (r.louvainSeconds !== undefined)
      rows.push({
        subject: 'networkx',
        case: label,
        metric: 'batchSeconds',
        value: r.componentsSeconds + r.louvainSeconds,
        unit: 's',
        note: `connected components + Louvain (${r.communities} communities, seed 1) on the whole graph`,
      });
    return rows;
  } catch (err) {
    // the peer failing (memory, a missing module) must not lose riskloop's own figures
    log(`networkx peer failed: ${(err as Error).message.split('\n')[0]}`);
    return [];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const STRONG = ['nationalId:nationalId', 'phone:phone', 'deviceId:deviceId', 'bankCard:card', 'email:email'];
const STRONG_ALL = [...STRONG, 'contactPhone:contactPhone'];
/** Every link column the file has: the strong ones, the /24, the address, the employer, and hubs (city, model). */
const ALL_LINKS = [...STRONG_ALL, 'ip:ip', 'addressLine', 'employer', 'addressCity', 'model'];

/** rings-strong and rings-all-links on one generated book. */
export async function ringsCsvCases(applications: number, log: (m: string) => void): Promise<BenchResult[]> {
  const dir = join(tmpdir(), `riskloop-graph-rings-${applications}`);
  if (!existsSync(join(dir, 'truth.csv')))
    await writePopulation({ applications, seed: 7 }, { outDir: dir, workers: 0 });
  const truth = new Map<string, string>();
  for (const line of readFileSync(join(dir, 'truth.csv'), 'utf8').trim().split('\n').slice(1)) {
    const c = line.split(',');
    truth.set(c[0]!, c[2]!);
  }
  const out: BenchResult[] = [];
  for (const [label, links] of [
    ['rings-strong', STRONG_ALL],
    ['rings-all-links', ALL_LINKS],
  ] as const) {
    const file = join(dir, `${label}.out.csv`);
    const t = performance.now();
    const s = await ringsFromCsv({
      data: join(dir, 'applications.csv'),
      id: 'applicationId',
      links: [...links],
      out: file,
    });
    const seconds = (performance.now() - t) / 1000;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
      const [id, ring] = line.split(',');
      const kind = truth.get(id!);
      // farms are the device case; first-party and identity theft are not the graph's to find
      if (kind !== 'none' && kind !== 'ring') continue;
      const predicted = ring !== '';
      if (predicted && kind === 'ring') tp++;
      else if (predicted) fp++;
      else if (kind === 'ring') fn++;
    }
    const context = s.contextLinks.join(', ') || 'none';
    log(`${label}: ${s.rings} rings, ${tp} true / ${fp} false members, ${fn} missed; context: ${context}`);
    const note = `${applications} generated applications, links ${links.join(' ')}; context: ${context}; ${seconds.toFixed(1)} s`;
    out.push(
      {
        subject: 'riskloop',
        case: label,
        metric: 'precision',
        value: tp / (tp + fp),
        unit: 'ratio',
        note: `target ≥ 0.9; ${note}`,
      },
      {
        subject: 'riskloop',
        case: label,
        metric: 'recall',
        value: tp / (tp + fn),
        unit: 'ratio',
        note: 'target ≥ 0.9',
      },
    );
    rmSync(file, { force: true });
  }
  // the same book with the rule switched off: what every link column did before
  const file = join(dir, 'off.out.csv');
  const off = await ringsFromCsv({
    data: join(dir, 'applications.csv'),
    id: 'applicationId',
    links: [...ALL_LINKS],
    out: file,
    learnRoles: false,
  });
  let tp = 0;
  let fp = 0;
  for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
    const [id, ring] = line.split(',');
    const kind = truth.get(id!);
    if (ring === '' || (kind !== 'none' && kind !== 'ring')) continue;
    if (kind === 'ring') tp++;
    else fp++;
  }
  rmSync(file, { force: true });
  out.push({
    subject: 'riskloop-no-roles',
    case: 'rings-all-links',
    metric: 'precision',
    value: tp / (tp + fp),
    unit: 'ratio',
    note: `the same links with --no-learn-roles (declared kinds only): ${off.rings} rings`,
  });
  return out;
}
