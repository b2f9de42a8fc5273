/**
 * ONNX models through onnxruntime-node (CPU). The native addon is loaded on first use only, so the rest of the
 * platform never pays for it. Scoring is async (the session runs off the JS thread); rows are float32 as most ONNX
 * tree and linear models expect, or float64 when the input is declared double (riskloop's own exported trees, whose
 * thresholds are doubles), NaN meaning missing.
 */
import { ValidationError } from '../../core/errors.js';
import type { InferenceSession } from 'onnxruntime-node';

export interface OnnxScorerOptions {
  /** Output to read; default: the first whose name mentions "prob", else the last output. */
  output?: string;
  /** Column of a [rows, k] output holding P(bad); default 1 when k = 2, else 0. */
  positiveIndex?: number;
  /** Feature count when the model's input shape does not say it. */
  featureCount?: number;
  /** Names of the model's input columns, in order (for explanations and checks). */
  featureNames?: string[];
}

export interface OnnxScorer {
  readonly inputName: string;
  readonly outputName: string;
  readonly featureCount: number;
  readonly featureNames: string[] | undefined;
  /** P(bad) for each row. */
  score(rows: ArrayLike<number>[]): Promise<Float64Array>;
  scoreRow(row: ArrayLike<number>): Promise<number>;
  close(): Promise<void>;
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError(`cannot use ONNX model: ${path} ${message}`, [{ path, message }]);
}

/** Opens an ONNX file (path or bytes) on the CPU execution provider. */
export async function loadOnnxModel(model: string | Uint8Array, options: OnnxScorerOptions = {}): Promise<OnnxScorer> {
  const ort = await import('onnxruntime-node');
  const session: InferenceSession =
    typeof model === 'string'
      ? await ort.InferenceSession.create(model, { executionProviders: ['cpu'] })
      : await ort.InferenceSession.create(model, { executionProviders: ['cpu'] });
  if (session.inputNames.length !== 1)
    throw invalid('inputs', `expected one input tensor, found ${session.inputNames.length}`);
  const inputName = session.inputNames[0]!;
  const meta = session.inputMetadata[0];
  const declared = meta?.isTensor ? meta.shape[meta.shape.length - 1] : undefined;
  const featureCount = typeof declared === 'number' && declared > 0 ? declared : options.featureCount;
  const double = meta?.isTensor === true && meta.type === 'float64';
  if (featureCount === undefined)
    throw invalid('featureCount', 'the model does not declare it; pass it in the options');
  if (options.featureNames && options.featureNames.length !== featureCount)
    throw invalid('featureNames', `${options.featureNames.length} names for ${featureCount} inputs`);
  const outputName =
    options.output ??
    session.outputNames.find((n) => /prob/i.test(n)) ??
    session.outputNames[session.outputNames.length - 1]!;
  if (!session.outputNames.includes(outputName))
    throw invalid('output', `"${outputName}" is not one of ${session.outputNames.join(', ')}`);

  const score = async (rows: ArrayLike<number>[]): Promise<Float64Array> => {
    const data = double ? new Float64Array(rows.length * featureCount) : new Float32Array(rows.length * featureCount);
    rows.forEach((r, i) => {
      if (r.length !== featureCount)
        throw invalid(`rows/${i}`, `has ${r.length} values, the model takes ${featureCount}`);
      for (let j = 0; j < featureCount; j++) data[i * featureCount + j] = r[j]!;
    });
    const tensor = double
      ? new ort.Tensor('float64', data as Float64Array, [rows.length, featureCount])
      : new ort.Tensor('float32', data as Float32Array, [rows.length, featureCount]);
    const feeds = { [inputName]: tensor };
    const result = await session.run(feeds, [outputName]);
    const out = result[outputName];
    if (!out || typeof out !== 'object' || !('dims' in out)) throw invalid('output', `"${outputName}" is not a tensor`);
    const width = out.dims.length > 1 ? Number(out.dims[out.dims.length - 1]) : 1;
    const col = options.positiveIndex ?? (width === 2 ? 1 : 0);
    if (col >= width) throw invalid('positiveIndex', `${col} is outside the output's ${width} columns`);
    const values = out.data as ArrayLike<number | bigint>;
    const probs = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) probs[i] = Number(values[i * width + col]!);
    return probs;
  };
  return {
    inputName,
    outputName,
    featureCount,
    featureNames: options.featureNames,
    score,
    scoreRow: async (row) => (await score([row]))[0]!,
    close: () => session.release(),
  };
}
