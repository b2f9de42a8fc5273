/**
 * The models bench's `reject-inference` case: the demo book as the first start builds it (seed 2026, 20,000
 * applications by default), its first nine months decided by the live pipeline; at the moment the first start
 * trains the starter program, the starter scorecard is trained three times on that history — without reject
 * inference, with fuzzy augmentation, with parcelling — and each is measured through the door: every application of
 * the held-out months, declined ones included, against the book's truth.csv. The truth is read after the fits only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { createKeyRing } from '../../src/core/index.js';
import { decisionCatalog } from '../../src/catalog/index.js';
import { demoTruth, loadDemoBook } from '../../src/demo/index.js';
import { rejectInferenceOptions, type RejectInferenceReport } from '../../src/models/index.js';
import { outOfTimeSplit, readHistory, readProgram, starterProgramDir, trainModel } from '../../src/programs/index.js';
import { startNode } from '../../src/server/index.js';

export const REJECT_INFERENCE_METHODS_BENCHED = ['none', 'fuzzy', 'parcelling'] as const;

export interface RejectInferenceRun {
  method: (typeof REJECT_INFERENCE_METHODS_BENCHED)[number];
  report: RejectInferenceReport;
  fitSeconds: number;
}

/** Thrown from the program hook once the fits are done: the book's remaining months are not needed. */
class Measured extends Error {}

export async function measureRejectInference(
  applications: number,
  seed: number,
  log: (m: string) => void,
): Promise<{ runs: RejectInferenceRun[]; asOf: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-bench-ri-'));
  const config = loadConfig({ RISKLOOP_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn' });
  const node = await startNode(config, { listen: false });
  const runs: RejectInferenceRun[] = [];
  let asOfSeen = '';
  let lastStage = '';
  try {
    await loadDemoBook({
      store: node.store,
      keyRing: createKeyRing(config.masterKey),
      consortiumKey: config.consortiumKey,
      decisions: node.decisions,
      dataDir: dir,
      applications,
      seed,
      onProgress: (stage, done, total) => {
        if (stage !== lastStage || done === total) log(`reject-inference: ${stage} ${done}/${total}`);
        lastStage = stage;
      },
      program: async (asOf) => {
        asOfSeen = asOf.toISOString();
        const program = readProgram(starterProgramDir());
        const history = await readHistory(node.store.db, 'demo', decisionCatalog(), asOf);
        const truth = demoTruth(dir);
        if (!truth) throw new Error('the demo book wrote no truth.csv');
        for (const method of REJECT_INFERENCE_METHODS_BENCHED) {
          const base = program.manifest.models.find((m) => m.name === 'starter-scorecard')!;
          const spec = { ...base, rejectInference: { method } };
          const split = outOfTimeSplit(spec, history, program.manifest.training);
          const t0 = performance.now();
          const trained = trainModel(spec, history, program.manifest.training, split, {
            rejectInference: rejectInferenceOptions({ method }),
            truth,
          });
          const fitSeconds = (performance.now() - t0) / 1000;
          runs.push({ method, report: trained.report.rejectInference!, fitSeconds });
          log(
            `reject-inference: ${method} through the door AUC ${trained.report.rejectInference!.throughTheDoor!.auc}`,
          );
        }
        throw new Measured();
      },
    });
  } catch (err) {
    if (!(err instanceof Measured)) throw err;
  } finally {
    await node.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { runs, asOf: asOfSeen };
}
