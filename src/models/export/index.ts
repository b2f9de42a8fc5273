/**
 * Model export for a bank's other engines and validators: scorecards as PMML 4.4 `Scorecard`, tree models as ONNX
 * `TreeEnsembleClassifier` or PMML 4.4 `MiningModel` of `TreeModel`s; an imported ONNX model leaves as the file it
 * came in. A format that does not fit the model's kind is a ValidationError naming both, so the API answers 400.
 */
import { ValidationError } from '../../core/errors.js';
import type { TrainedModel } from '../workbench.js';
import { treeModelToOnnx } from './onnx.js';
import { scorecardToPmml } from './pmml.js';
import { treeModelToPmml } from './pmml-trees.js';

export const EXPORT_FORMATS = ['pmml', 'onnx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  pmml: 'application/xml',
  onnx: 'application/onnx',
};

/** The format each kind of model exports to by default. */
export const EXPORT_FORMAT_OF_KIND: Record<TrainedModel['kind'], ExportFormat> = {
  scorecard: 'pmml',
  gbdt: 'onnx',
  onnx: 'onnx',
};

/** Every format a kind can be exported as (trees: ONNX, and PMML where an engine prefers it). */
export const EXPORT_FORMATS_OF_KIND: Record<TrainedModel['kind'], readonly ExportFormat[]> = {
  scorecard: ['pmml'],
  gbdt: ['onnx', 'pmml'],
  onnx: ['onnx'],
};

export interface ExportMeta {
  name: string;
  version: number;
  producerVersion?: string;
}

export interface ExportedModel {
  bytes: Uint8Array;
  contentType: string;
  /** `<name>-<version>.<format>`, for Content-Disposition and the CLI's default. */
  filename: string;
}

export { scorecardToPmml, PMML_REASON_CODES } from './pmml.js';
export { treeModelToPmml } from './pmml-trees.js';
export { treeModelToOnnx, ONNX_INPUT, ONNX_PROBABILITIES } from './onnx.js';

export function exportModel(model: TrainedModel, format: ExportFormat, meta: ExportMeta): ExportedModel {
  const fits = EXPORT_FORMATS_OF_KIND[model.kind];
  if (!fits.includes(format)) {
    const use = fits.join(' or ');
    throw new ValidationError(`a ${model.kind} model cannot be exported as ${format}; export it as ${use}`, [
      { path: 'format', message: `${format} does not fit a ${model.kind} model (use ${use})` },
    ]);
  }
  const producerVersion = meta.producerVersion ?? '0.1.0';
  let bytes: Uint8Array;
  if (model.kind === 'scorecard') {
    const xml = scorecardToPmml(model.scorecard.spec, { ...meta, producerVersion });
    bytes = Buffer.from(xml, 'utf8');
  } else if (model.kind === 'gbdt' && format === 'pmml') {
    const xml = treeModelToPmml(model.gbdt.toJSON(), model.encoding, {
      ...meta,
      target: model.target,
      producerVersion,
    });
    bytes = Buffer.from(xml, 'utf8');
  } else if (model.kind === 'gbdt') {
    bytes = treeModelToOnnx(model.gbdt.toJSON(), model.encoding, {
      ...meta,
      target: model.target,
      producerVersion,
    });
  } else {
    bytes = Buffer.from(model.onnx.bytes, 'base64');
  }
  return { bytes, contentType: EXPORT_CONTENT_TYPES[format], filename: `${meta.name}-${meta.version}.${format}` };
}
