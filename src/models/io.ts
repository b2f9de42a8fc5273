/** File edges of the workbench: model files, points tables, reports, scoring files. Everything else stays pure. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { ValidationError } from '../core/errors.js';
import { neutraliseFormula } from '../core/csv.js';
import { datasetFromRecords, readCsvRecords, type Dataset } from './dataset.js';
import { renderReport } from './report/html.js';
import { pointsTable } from './scorecard.js';
import {
  modelFromJSON,
  onnxIsAsync,
  modelInputKinds,
  modelToJSON,
  type FitOutcome,
  type ScoredRow,
  type TrainedModel,
} from './workbench.js';

export function loadModel(path: string): TrainedModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ValidationError(`cannot read model ${path}`, [{ path: 'model', message: (err as Error).message }]);
  }
  return modelFromJSON(JSON.parse(text));
}

/** Writes model.json, report.html and (scorecards) points.csv / points.json into `dir`; returns the paths. */
export function writeArtifacts(dir: string, outcome: FitOutcome, title: string, now: Date): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const put = (name: string, body: string) => {
    writeFileSync(join(dir, name), body);
    written.push(join(dir, name));
  };
  put('model.json', JSON.stringify(modelToJSON(outcome.model)) + '\n');
  if (outcome.rejectInference) put('reject-inference.json', JSON.stringify(outcome.rejectInference, null, 2) + '\n');
  if (outcome.model.kind === 'scorecard') {
    const rows = pointsTable(outcome.model.scorecard.spec);
    put('points.json', JSON.stringify(rows, null, 2) + '\n');
    put(
      'points.csv',
      stringify(
        rows.map((r) => ({ ...r, points: Number(r.points.toFixed(4)), woe: Number(r.woe.toFixed(6)) })),
        { header: true, columns: ['variable', 'bin', 'count', 'bads', 'badRate', 'woe', 'points'] },
      ),
    );
  }
  // a fit yields a scorecard or trees; ONNX models are only imported
  if (outcome.model.kind === 'onnx') throw onnxIsAsync('a fit report');
  const importance = outcome.model.kind === 'gbdt' ? outcome.model.gbdt.featureImportance('gain') : undefined;
  put(
    'report.html',
    renderReport({
      title,
      kind: outcome.model.kind,
      evaluation: outcome.evaluation,
      fitSeconds: outcome.fitSeconds,
      trainRows: outcome.trainRows,
      testRows: outcome.testRows,
      features: outcome.features,
      trainRisk: outcome.trainRisk,
      testRisk: outcome.testRisk,
      testY: outcome.testY,
      ...(outcome.scorecardFit ? { scorecardFit: outcome.scorecardFit } : {}),
      ...(importance ? { importance } : {}),
      generatedAt: now,
    }),
  );
  return written;
}

/** Reads a file to score: only the model's columns (plus an optional id column), typed as in training. */
export function readScoringDataset(
  path: string,
  model: TrainedModel,
  idColumn?: string,
): { data: Dataset; ids?: string[] } {
  const { header, records } = readCsvRecords(path);
  const kinds = modelInputKinds(model);
  const needed = Object.keys(kinds);
  const missing = needed.filter((n) => !header.includes(n));
  if (missing.length > 0) {
    throw new ValidationError(
      `the file lacks columns the model needs: ${missing.join(', ')}`,
      missing.map((m) => ({ path: m, message: 'missing column' })),
    );
  }
  const { data } = datasetFromRecords(header, records, {
    drop: header.filter((h) => !needed.includes(h)),
    kinds,
    keep: needed,
  });
  if (idColumn === undefined) return { data };
  const j = header.indexOf(idColumn);
  if (j < 0)
    throw new ValidationError(`no id column "${idColumn}"`, [{ path: idColumn, message: 'not in the header' }]);
  return { data, ids: records.map((r) => r[j]!) };
}

/** Scored rows to CSV (or JSON when the path ends in .json). */
export function writeScores(path: string, rows: ScoredRow[], top: number, ids?: string[]): void {
  if (path.endsWith('.json')) {
    writeFileSync(path, JSON.stringify(rows.map((r) => (ids ? { id: ids[r.row], ...r } : r))) + '\n');
    return;
  }
  const columns = [...(ids ? ['id'] : []), 'row', 'score', 'probability'];
  for (let k = 1; k <= top; k++) columns.push(`reason_${k}`, `reason_${k}_points_lost`);
  const body = rows.map((r) => {
    const o: Record<string, string | number> = {
      row: r.row + 1,
      score: Number(r.score.toFixed(4)),
      probability: Number(r.probability.toPrecision(6)),
    };
    if (ids) o.id = neutraliseFormula(ids[r.row]!); // ids come from the scored file: no formulas in spreadsheets
    r.reasons.forEach((reason, k) => {
      o[`reason_${k + 1}`] = neutraliseFormula(reason.bin ? `${reason.variable} ${reason.bin}` : reason.variable);
      o[`reason_${k + 1}_points_lost`] = Number(reason.pointsLost.toFixed(2));
    });
    return o;
  });
  writeFileSync(path, stringify(body, { header: true, columns }));
}

/**
 * The declined applications for reject inference: a CSV with the training data's columns, read with the training
 * data's kinds, in its column order. The target column may be absent or empty (a lender does not know how the
 * declined would have paid); where it is filled — a generated book whose truth is known — its 0/1 values are
 * returned as `truth`, for the through-the-door measurement only, never for the fit.
 */
export function readRejects(
  path: string,
  like: Dataset,
  target: string,
  badValue: string,
): { data: Dataset; truth?: Uint8Array } {
  const { header, records } = readCsvRecords(path);
  const missing = like.names.filter((n) => !header.includes(n));
  if (missing.length > 0) {
    throw new ValidationError(
      `the rejects file lacks columns of the training data: ${missing.join(', ')}`,
      missing.map((m) => ({ path: `rejects/${m}`, message: 'missing column' })),
    );
  }
  const kinds = Object.fromEntries(like.columns.map((c) => [c.name, c.kind]));
  const read = datasetFromRecords(header, records, {
    drop: header.filter((h) => !like.names.includes(h)),
    kinds,
    keep: like.names,
  }).data;
  const data: Dataset = {
    names: [...like.names],
    columns: like.names.map((n) => read.columns[read.names.indexOf(n)]!),
    rows: read.rows,
  };
  const t = header.indexOf(target);
  if (t < 0) return { data };
  const raw = records.map((r) => r[t]!.trim());
  if (raw.every((v) => v === '')) return { data };
  const bad = Number(badValue);
  const truth = Uint8Array.from(raw, (v) => (v === badValue || (!Number.isNaN(bad) && Number(v) === bad) ? 1 : 0));
  if (raw.some((v) => v === '')) {
    throw new ValidationError('the rejects file fills the target on some rows only', [
      { path: `rejects/${target}`, message: 'leave it empty on every row, or fill it (known truth) on every row' },
    ]);
  }
  return { data, truth };
}
