/** `riskloop model fit|score`: thin over the models face. Scripts depend on `fit --json` printing ONE JSON object. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { RiskloopError, ValidationError } from '../../core/errors.js';
import {
  fitAndEvaluate,
  loadModel,
  modelStability,
  readLabelledDataset,
  readRejects,
  rejectInferenceOptions,
  REJECT_INFERENCE_METHODS,
  type RejectInferenceReport,
  readScoringDataset,
  scoreBatch,
  writeArtifacts,
  writeScores,
  type ModelKind,
} from '../../models/index.js';

interface FitOpts {
  data: string;
  target: string;
  bad?: string;
  kind: string;
  drop?: string;
  testFraction: string;
  seed: string;
  out?: string;
  json?: boolean;
  special: string[];
  cuts: string[];
  edits?: string;
  monotonic: string;
  method: string;
  maxBins: string;
  minBinRows: string;
  minIv: string;
  stepwise: string;
  criterion: string;
  roundPoints?: boolean;
  baseScore: string;
  baseOdds: string;
  pdo: string;
  trees?: string;
  threads?: string;
  rejectInference: string;
  rejects?: string;
  rejectWeight?: string;
  bands?: string;
  uplift?: string;
  rejectSeed?: string;
}

/** The reject inference flags as settings (errors name the flag). */
function rejectInferenceOf(opts: FitOpts) {
  const method = oneOf('reject-inference', opts.rejectInference, REJECT_INFERENCE_METHODS);
  if (method !== 'none' && !opts.rejects) {
    throw new ValidationError(`--reject-inference ${method} needs --rejects FILE (the declined applications)`, [
      { path: 'rejects', message: 'missing' },
    ]);
  }
  const n = (raw: string | undefined) => (raw === undefined ? undefined : Number(raw));
  const settings = Object.fromEntries(
    Object.entries({
      rejectWeight: n(opts.rejectWeight),
      bands: n(opts.bands),
      uplift: n(opts.uplift),
      seed: n(opts.rejectSeed),
    }).filter(([, v]) => v !== undefined),
  );
  return rejectInferenceOptions({ method, ...settings }, 'reject-inference');
}

/** The report's lines for a person: what went in, and the model with and without reject inference. */
export function printRejectInference(r: RejectInferenceReport): void {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)} %`);
  const a = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));
  const settings = Object.entries(r.settings)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  console.log(
    `reject inference: ${r.method}${settings ? ` (${settings})` : ''} — ${r.accepted} accepted (${pct(r.acceptedBads / Math.max(1, r.accepted))} bad), ` +
      `${r.rejects} rejects inferred ${pct(r.inferredRejectBadRate)} bad`,
  );
  console.log(
    `  held-out accepted (${r.heldOut.rows} rows): AUC ${a(r.acceptedAuc)} with, ${a(r.acceptedAucWithout)} without`,
  );
  const t = r.throughTheDoor;
  if (t) {
    console.log(
      `  through the door (${t.applications} applications, ${t.declined} declined, truth: ${t.source}): ` +
        `AUC ${a(t.auc)} with, ${a(t.aucWithout)} without; declined alone ${a(t.declinedAuc)} / ${a(t.declinedAucWithout)}`,
    );
  }
  if (r.note) console.log(`  note: ${r.note}`);
}

const list = (s: string | undefined) =>
  s === undefined
    ? []
    : s
        .split(',')
        .map((x) => x.trim())
        .filter((x, i, all) => x !== '' || all.length === 1);

/** `--special COL=96,98` / `--cuts COL=25,35` (repeatable). */
function parseSpecials(items: string[], flag = 'special'): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const item of items) {
    const at = item.lastIndexOf('=');
    const values = list(item.slice(at + 1)).map(Number);
    if (at <= 0 || values.some((v) => Number.isNaN(v))) {
      throw new ValidationError(`--${flag} expects COL=v1,v2; got ${item}`, [{ path: flag, message: item }]);
    }
    out[item.slice(0, at)] = values;
  }
  return out;
}

interface Edits {
  cuts: Record<string, number[]>;
  groups: Record<string, string[][]>;
  specials: Record<string, number[]>;
}

/** Manual binning edits saved by an analyst (cut points, level groups, special values per variable). */
function readEdits(path: string | undefined): Edits {
  if (!path) return { cuts: {}, groups: {}, specials: {} };
  let doc: Partial<Edits>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Partial<Edits>;
  } catch (err) {
    throw new ValidationError(`cannot read edits ${path}`, [{ path: 'edits', message: (err as Error).message }]);
  }
  return { cuts: doc.cuts ?? {}, groups: doc.groups ?? {}, specials: doc.specials ?? {} };
}

function num(name: string, raw: string, ok: (v: number) => boolean): number {
  const v = Number(raw);
  if (!ok(v)) throw new ValidationError(`--${name} ${raw} is out of range`, [{ path: name, message: raw }]);
  return v;
}

function oneOf<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ValidationError(`--${name} must be one of ${allowed.join(', ')}`, [{ path: name, message: raw }]);
  }
  return raw as T;
}

function fail(err: unknown): never {
  if (err instanceof RiskloopError) {
    console.error(`error: ${err.message}`);
    if (err instanceof ValidationError) for (const i of err.issues) console.error(`  ${i.path}: ${i.message}`);
    process.exit(2);
  }
  throw err;
}

function progress(enabled: boolean, total: number) {
  if (!enabled) return { step: (_s: string) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: 'model {bar} {value}/{total} {stage}', stream: process.stderr, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { stage: 'read' });
  return {
    step: (stage: string) => bar.increment(1, { stage }),
    stop: () => bar.stop(),
  };
}

export function register(program: Command): void {
  const model = program
    .command('model')
    .description('build and score credit models (scorecards, gradient-boosted trees)');
  model
    .command('fit')
    .description('split stratified, fit on the training part, evaluate on the held-out part')
    .requiredOption('--data <file>', 'CSV with a header')
    .requiredOption(
      '--target <col>',
      'target column; 0/1, or name the bad value as COL=VALUE (e.g. loan_status=Charged Off)',
    )
    .option('--bad <value>', 'raw target value meaning bad (alternative to COL=VALUE)')
    .option('--kind <kind>', 'scorecard | gbdt', 'scorecard')
    .option('--drop <cols>', 'comma-separated columns to ignore')
    .option('--test-fraction <f>', 'held-out share', '0.3')
    .option('--seed <n>', 'split seed', '42')
    .option('--out <dir>', 'write model.json, points.csv/json and report.html here')
    .option('--json', 'print one JSON object with the metrics')
    .option(
      '--special <col=v1,v2>',
      'special values binned apart (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option(
      '--cuts <col=c1,c2>',
      'manual cut points for a numeric variable (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option(
      '--edits <file>',
      'JSON binning edits: {"cuts": {col: [..]}, "groups": {col: [[levels], ..]}, "specials": {col: [..]}}',
    )
    .option('--monotonic <m>', 'scorecard bins: none | auto | ascending | descending', 'none')
    .option('--method <m>', 'scorecard merging: tree | chimerge', 'tree')
    .option('--max-bins <n>', 'scorecard bins per variable', '8')
    .option('--min-bin-rows <n>', 'scorecard: smallest bin in rows (besides the 2 % share floor)', '0')
    .option('--min-iv <iv>', 'scorecard IV floor', '0.02')
    .option('--stepwise <dir>', 'scorecard stepwise: none | forward | backward | both', 'none')
    .option('--criterion <c>', 'stepwise criterion: aic | pvalue', 'aic')
    .option('--base-score <n>', 'scorecard score at the base odds', '600')
    .option('--base-odds <n>', 'good:bad odds at the base score', '50')
    .option('--pdo <n>', 'points to double the odds', '20')
    .option('--round-points', 'whole points in the scorecard')
    .option('--trees <n>', 'gbdt trees')
    .option('--threads <n>', 'gbdt: threads building histograms (default: every core; the model is the same)')
    .option(
      '--reject-inference <method>',
      `scorecard reject inference: ${REJECT_INFERENCE_METHODS.join(' | ')}`,
      'none',
    )
    .option(
      '--rejects <file>',
      'declined applications (CSV, the training columns; target empty, or filled where the truth is known — then only measured)',
    )
    .option('--reject-weight <w>', 'fuzzy: weight of one reject (default 1)')
    .option('--bands <n>', 'parcelling: score bands (default 10)')
    .option('--uplift <x>', 'parcelling: reject bad rate = band bad rate × uplift (default 2)')
    .option('--reject-seed <n>', 'parcelling: seed of the draw (default 42)')
    .action((opts: FitOpts) => {
      try {
        const kind = opts.kind as ModelKind;
        if (kind !== 'scorecard' && kind !== 'gbdt') {
          throw new ValidationError(`--kind must be scorecard or gbdt`, [{ path: 'kind', message: opts.kind }]);
        }
        const ri = rejectInferenceOf(opts);
        if (ri.method !== 'none' && kind !== 'scorecard') {
          throw new ValidationError('--reject-inference is for scorecards', [
            { path: 'reject-inference', message: kind },
          ]);
        }
        const edits = readEdits(opts.edits);
        const bar = progress(!opts.json && process.stderr.isTTY === true, 5);
        const ds = readLabelledDataset(opts.data, {
          target: opts.target,
          ...(opts.bad !== undefined ? { bad: opts.bad } : {}),
          drop: list(opts.drop),
        });
        const rejects = opts.rejects ? readRejects(opts.rejects, ds.data, ds.target, ds.badValue) : undefined;
        const outcome = fitAndEvaluate({
          ...(kind === 'scorecard' && opts.rejects ? { rejectInference: ri } : {}),
          ...(rejects ? { rejects: rejects.data } : {}),
          ...(rejects?.truth ? { rejectTruth: rejects.truth } : {}),
          data: ds.data,
          y: ds.y,
          target: ds.target,
          kind,
          testFraction: num('test-fraction', opts.testFraction, (v) => v > 0 && v < 1),
          seed: num('seed', opts.seed, Number.isInteger),
          scorecard: {
            binning: {
              groups: edits.groups,
              specials: { ...edits.specials, ...parseSpecials(opts.special) },
              cuts: { ...edits.cuts, ...parseSpecials(opts.cuts, 'cuts') },
              monotonic: oneOf('monotonic', opts.monotonic, ['none', 'auto', 'ascending', 'descending'] as const),
              method: oneOf('method', opts.method, ['tree', 'chimerge'] as const),
              maxBins: num('max-bins', opts.maxBins, (v) => Number.isInteger(v) && v >= 2),
              minBinCount: num('min-bin-rows', opts.minBinRows, (v) => Number.isInteger(v) && v >= 0),
            },
            minIv: num('min-iv', opts.minIv, (v) => v >= 0),
            stepwise: oneOf('stepwise', opts.stepwise, ['none', 'forward', 'backward', 'both'] as const),
            criterion: oneOf('criterion', opts.criterion, ['aic', 'pvalue'] as const),
            roundPoints: opts.roundPoints === true,
            scaling: {
              baseScore: num('base-score', opts.baseScore, Number.isFinite),
              baseOdds: num('base-odds', opts.baseOdds, (v) => v > 0),
              pdo: num('pdo', opts.pdo, (v) => v > 0),
            },
          },
          ...(opts.trees || opts.threads
            ? {
                gbdt: {
                  ...(opts.trees ? { nTrees: num('trees', opts.trees, (v) => Number.isInteger(v) && v > 0) } : {}),
                  ...(opts.threads
                    ? { threads: num('threads', opts.threads, (v) => Number.isInteger(v) && v >= 1 && v <= 256) }
                    : {}),
                },
              }
            : {}),
          onStage: (s) => bar.step(s),
        });
        const written = opts.out
          ? writeArtifacts(opts.out, outcome, `${basename(opts.data)} · ${kind} · target ${ds.target}`, new Date())
          : [];
        bar.step('done');
        bar.stop();
        const e = outcome.evaluation;
        const summary = {
          kind,
          target: ds.target,
          badValue: ds.badValue,
          auc: e.auc,
          ks: e.ks,
          gini: e.gini,
          fitSeconds: outcome.fitSeconds,
          rows: ds.data.rows,
          trainRows: outcome.trainRows,
          testRows: outcome.testRows,
          testBadRate: e.badRate,
          features: outcome.features,
          featureCount: outcome.features.length,
          warnings: ds.warnings,
          files: written,
          ...(outcome.rejectInference ? { rejectInference: outcome.rejectInference } : {}),
        };
        if (opts.json) {
          console.log(JSON.stringify(summary));
          return;
        }
        for (const w of ds.warnings) console.error(`warning: ${w}`);
        console.log(
          `${kind} on ${ds.data.rows} rows (${outcome.trainRows} train / ${outcome.testRows} test, bad = ${ds.target} ${JSON.stringify(ds.badValue)})`,
        );
        console.log(
          `AUC ${e.auc.toFixed(4)}  KS ${e.ks.toFixed(4)}  Gini ${e.gini.toFixed(4)}  fit ${outcome.fitSeconds.toFixed(2)} s`,
        );
        console.log(`features (${outcome.features.length}): ${outcome.features.join(', ')}`);
        if (outcome.rejectInference) printRejectInference(outcome.rejectInference);
        for (const f of written) console.log(`wrote ${f}`);
      } catch (err) {
        fail(err);
      }
    });
  model
    .command('stability')
    .description(
      'PSI of the score and CSI per variable: a current sample against the baseline (e.g. development) sample',
    )
    .requiredOption('--model <file>', 'model.json')
    .requiredOption('--baseline <file>', 'baseline CSV (bins are cut on it)')
    .requiredOption('--current <file>', 'current CSV')
    .option('--json', 'print one JSON object')
    .action((opts: { model: string; baseline: string; current: string; json?: boolean }) => {
      try {
        const trained = loadModel(opts.model);
        const r = modelStability(
          trained,
          readScoringDataset(opts.baseline, trained).data,
          readScoringDataset(opts.current, trained).data,
        );
        if (opts.json) {
          console.log(JSON.stringify(r));
          return;
        }
        const flag = (v: number) => (v >= 0.25 ? 'shifted' : v >= 0.1 ? 'watch' : 'stable');
        console.log(`score PSI ${r.score.psi.toFixed(4)} (${flag(r.score.psi)})`);
        for (const c of [...r.characteristics].sort((a, b) => b.csi - a.csi)) {
          console.log(`  ${c.variable.padEnd(40)} CSI ${c.csi.toFixed(4)} (${flag(c.csi)})`);
        }
      } catch (err) {
        fail(err);
      }
    });
  model
    .command('score')
    .description('score a CSV with a saved model; writes score, probability and ranked reason codes per row')
    .requiredOption('--model <file>', 'model.json from `model fit --out`')
    .requiredOption('--data <file>', 'CSV with the model’s columns')
    .requiredOption('--out <file>', 'output .csv (or .json)')
    .option('--id <col>', 'carry this column through as the row id')
    .option('--top <n>', 'reason codes per row', '4')
    .action((opts: { model: string; data: string; out: string; id?: string; top: string }) => {
      try {
        const top = num('top', opts.top, (v) => Number.isInteger(v) && v >= 0);
        const trained = loadModel(opts.model);
        const { data, ids } = readScoringDataset(opts.data, trained, opts.id);
        const rows = scoreBatch(trained, data, top);
        writeScores(opts.out, rows, top, ids);
        console.error(`scored ${rows.length} rows → ${opts.out}`);
      } catch (err) {
        fail(err);
      }
    });
}
