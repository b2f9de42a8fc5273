/**
 * `npm run bench -- first-start [--seed N] [--applications N] [--program DIR] [--keep DIR]`: the demo setup of a
 * first `npm start` (generate, import, decide the history, train and apply the starter program, decide the
 * out-of-time months), in this process, with the CPU time (user + system, worker threads included) and wall time of
 * each phase — CPU shows the work whatever the load of a shared machine — and the demo report's figures against the
 * book's truth. `--program DIR` runs a changed copy of the starter program; `--keep DIR` keeps the data dir there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { createKeyRing } from '../src/core/index.js';
import { decisionCatalog } from '../src/catalog/index.js';
import { demoReport, demoTruth, ensureDemoPeople, loadDemoBook } from '../src/demo/index.js';
import { applyProgram, readProgram, starterProgramDir } from '../src/programs/index.js';
import { DEMO_TENANT, startNode } from '../src/server/index.js';
import { flagValue, rssMb, type Bench, type BenchResult } from './lib.js';

const truthOf = (dir: string) => {
  const truth = demoTruth(dir);
  return truth ? { truth } : undefined;
};

interface Phase {
  name: string;
  cpuSeconds: number;
  wallSeconds: number;
}

/** Phase boundaries from the demo's progress stages; the decide stage is split at the program's training. */
function phaseClock() {
  const phases: Phase[] = [];
  let name = 'start node';
  let cpu = process.cpuUsage();
  let wall = process.hrtime.bigint();
  const close = () => {
    const used = process.cpuUsage(cpu);
    phases.push({
      name,
      cpuSeconds: (used.user + used.system) / 1e6,
      wallSeconds: Number(process.hrtime.bigint() - wall) / 1e9,
    });
    cpu = process.cpuUsage();
    wall = process.hrtime.bigint();
  };
  let trained = false;
  return {
    phases,
    enter(stage: string) {
      const next =
        stage === 'decide'
          ? trained
            ? 'decide out-of-time months'
            : 'decide history'
          : stage.replace(/^import /, 'import ');
      if (stage.startsWith('train')) trained = true;
      if (next === name) return;
      close();
      name = next;
    },
    end: close,
  };
}

export const run: Bench = async ({ args, log }) => {
  const seed = Number(flagValue(args, '--seed') ?? 2026);
  const applications = Number(flagValue(args, '--applications') ?? 20_000);
  const programDir = resolve(flagValue(args, '--program') ?? starterProgramDir());
  const keep = flagValue(args, '--keep');
  const dir = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'riskloop-bench-first-start-'));
  const clock = phaseClock();
  let peak = rssMb();
  const sample = setInterval(() => (peak = Math.max(peak, rssMb())), 200);
  const config = loadConfig({ RISKLOOP_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn' });
  const node = await startNode(config, { listen: false });
  const keyRing = createKeyRing(config.masterKey);
  try {
    const people = await ensureDemoPeople(node.store, DEMO_TENANT);
    let lastLog = 0;
    await loadDemoBook({
      store: node.store,
      keyRing,
      consortiumKey: config.consortiumKey,
      decisions: node.decisions,
      dataDir: dir,
      applications,
      seed,
      program: async (asOf) => {
        await applyProgram({
          store: node.store,
          tenantId: DEMO_TENANT,
          catalog: decisionCatalog(),
          policy: node.policy,
          triggers: node.monitoring.triggers,
          refreshModels: () => node.models.refresh(DEMO_TENANT),
          program: readProgram(programDir),
          behaviour: {
            consortium: { id: config.consortium.id, key: config.consortiumKey, sealer: keyRing.sealer },
          },
          ...people,
          asOf,
          // as the first start: the book's truth measures the scorecard through the door in its report
          ...(truthOf(dir) ?? {}),
        });
      },
      onProgress: (stage, done, total) => {
        clock.enter(stage);
        if (Date.now() - lastLog > 10_000) {
          lastLog = Date.now();
          log(`${stage} ${done}/${total}`);
        }
      },
    });
    clock.end();
    clearInterval(sample);
    const report = await demoReport(node.store, DEMO_TENANT, dir);
    const rows: BenchResult[] = [];
    const subject = `demo seed ${seed}, ${applications} applications`;
    let totalCpu = 0;
    let totalWall = 0;
    for (const p of clock.phases) {
      totalCpu += p.cpuSeconds;
      totalWall += p.wallSeconds;
      rows.push({
        subject,
        case: p.name,
        metric: 'cpu',
        value: p.cpuSeconds,
        unit: 's',
        note: `wall ${p.wallSeconds.toFixed(1)} s`,
      });
    }
    rows.push({
      subject,
      case: 'total',
      metric: 'cpu',
      value: totalCpu,
      unit: 's',
      note: `wall ${totalWall.toFixed(1)} s`,
    });
    rows.push({ subject, case: 'total', metric: 'peak rss', value: peak, unit: 'MB' });
    const ttd = report.scorecardThroughTheDoor;
    if (ttd)
      rows.push({
        subject,
        case: 'report',
        metric: `${ttd.model} through-the-door AUC`,
        value: ttd.auc ?? Number.NaN,
        unit: '',
        note: `${ttd.method} (${ttd.rejects} rejects); without ${ttd.aucWithout ?? 'n/a'}; ${ttd.applications} applications, ${ttd.declined} declined`,
      });
    const pct = (x: number) => Math.round(x * 1000) / 10;
    rows.push({
      subject,
      case: 'report',
      metric: 'fraud held back',
      value: pct(report.fraud.rate),
      unit: '%',
      note: `${report.fraud.heldBack}/${report.fraud.total}, target ≥ 85`,
    });
    for (const [type, b] of Object.entries(report.fraudByType).sort())
      rows.push({
        subject,
        case: 'report',
        metric: `· ${type}`,
        value: pct(b.rate),
        unit: '%',
        note: `${b.heldBack}/${b.total}`,
      });
    rows.push({
      subject,
      case: 'report',
      metric: 'good held back',
      value: pct(report.good.rate),
      unit: '%',
      note: `${report.good.heldBack}/${report.good.total}, target ≤ 5`,
    });
    rows.push({
      subject,
      case: 'report',
      metric: 'approval rate',
      value: pct(report.approvalRate),
      unit: '%',
      note: `review ${pct(report.reviewRate)} %`,
    });
    rows.push({
      subject,
      case: 'report',
      metric: 'approved bad / book bad',
      value: Math.round(report.badRateRatio * 100) / 100,
      unit: '×',
      note: `${pct(report.approvedBadRate)} % / ${pct(report.bookBadRate)} %, target ≤ 0.6`,
    });
    rows.push({
      subject,
      case: 'report',
      metric: 'score and models on every decision',
      value: report.withScore === report.decisions && report.withModelVersions === report.decisions ? 1 : 0,
      unit: 'met',
      note: `${Math.min(report.withScore, report.withModelVersions)}/${report.decisions}`,
    });
    return rows;
  } finally {
    clearInterval(sample);
    await node.close();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
};
