/**
 * A tree model (riskloop's own GBDT, or an XGBoost / LightGBM import: they share one representation) as an ONNX
 * `TreeEnsembleClassifier` (ai.onnx.ml opset 3): one input `features` [N, F], outputs `label` and `probabilities`
 * [N, 2] whose column 1 is P(bad) = sigmoid(base margin + Σ leaves), the LOGISTIC post-transform.
 *
 * Precision: our trees compare in double, so the input and thresholds are double (`*_as_tensor` attributes) and
 * every row goes down the same branches as in riskloop. Models that compare in float32 (XGBoost imports) take a
 * float input instead, which is how XGBoost itself rounds them. Missing values: NaN goes the node's default way
 * (`nodes_missing_value_tracks_true`); LightGBM's "NaN compares as 0" becomes a fixed default way. LightGBM's
 * "zero is missing" has no ONNX equivalent, so such models are refused rather than exported wrong.
 *
 * The input is the model's encoded row: numeric facts as they are, categorical facts as the code the fitted encoding
 * gives each level (`riskloop.encoding` in the metadata), NaN for missing or unseen levels.
 */
import { ValidationError } from '../../core/errors.js';
import { MISSING_LEFT, NAN_AS_ZERO, ZERO_IS_MISSING, type TreeNodes } from '../gbdt/forest.js';
import type { FeatureEncoding } from '../encoding.js';
import { attr, encodeOnnxModel, ONNX_DOUBLE, ONNX_FLOAT, type OnnxAttribute } from './onnx-proto.js';

/** What toJSON() of a tree model holds (src/models/gbdt/model.ts). */
interface TreeModelJson {
  featureNames: string[];
  baseMargin: number;
  float32Inputs?: boolean;
  source?: string;
  trees: TreeNodes[];
}

export interface OnnxExportMeta {
  /** Registry name and version, written into the file for traceability. */
  name: string;
  version: number;
  target: string;
  producerVersion: string;
}

export const ONNX_INPUT = 'features';
export const ONNX_PROBABILITIES = 'probabilities';

function refuse(message: string, path: string): ValidationError {
  return new ValidationError(`cannot export as ONNX: ${message}`, [{ path, message }]);
}

function treeAttributes(model: TreeModelJson): OnnxAttribute[] {
  const double = model.float32Inputs !== true;
  const n = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    featureIds: [] as number[],
    modes: [] as string[],
    values: [] as number[],
    trueIds: [] as number[],
    falseIds: [] as number[],
    missingTrue: [] as number[],
  };
  const leaves = { treeIds: [] as number[], nodeIds: [] as number[], weights: [] as number[] };
  model.trees.forEach((t, ti) => {
    for (let i = 0; i < t.feature.length; i++) {
      const feat = t.feature[i]!;
      const flags = t.flags[i]!;
      n.treeIds.push(ti);
      n.nodeIds.push(i);
      if (feat < 0) {
        n.featureIds.push(0);
        n.modes.push('LEAF');
        n.values.push(0);
        n.trueIds.push(0);
        n.falseIds.push(0);
        n.missingTrue.push(0);
        leaves.treeIds.push(ti);
        leaves.nodeIds.push(i);
        leaves.weights.push(t.value[i]!);
        continue;
      }
      if (flags & ZERO_IS_MISSING)
        throw refuse('a LightGBM split treats zero as missing, which ONNX trees cannot express', `trees/${ti}/${i}`);
      const threshold = t.threshold[i]!;
      // riskloop: x < threshold → left; NaN → left when MISSING_LEFT; "NaN as zero" → where 0 would go
      const nanLeft = flags & NAN_AS_ZERO ? 0 < threshold : (flags & MISSING_LEFT) !== 0;
      n.featureIds.push(feat);
      n.modes.push('BRANCH_LT');
      n.values.push(threshold);
      n.trueIds.push(t.left[i]!);
      n.falseIds.push(t.right[i]!);
      n.missingTrue.push(nanLeft ? 1 : 0);
    }
  });
  const reals = (name: string, values: number[]) =>
    double ? attr.doubles(`${name}_as_tensor`, values) : attr.floats(name, values);
  return [
    attr.ints('nodes_treeids', n.treeIds),
    attr.ints('nodes_nodeids', n.nodeIds),
    attr.ints('nodes_featureids', n.featureIds),
    attr.strings('nodes_modes', n.modes),
    reals('nodes_values', n.values),
    attr.ints('nodes_truenodeids', n.trueIds),
    attr.ints('nodes_falsenodeids', n.falseIds),
    attr.ints('nodes_missing_value_tracks_true', n.missingTrue),
    attr.ints('class_treeids', leaves.treeIds),
    attr.ints('class_nodeids', leaves.nodeIds),
    attr.ints(
      'class_ids',
      leaves.nodeIds.map(() => 0),
    ),
    reals('class_weights', leaves.weights),
    reals('base_values', [model.baseMargin]),
    attr.ints('classlabels_int64s', [0, 1]),
    attr.string('post_transform', 'LOGISTIC'),
  ];
}

const tensorInfo = (name: string, elemType: number, width: number | undefined) => ({
  name,
  type: {
    tensor_type: {
      elem_type: elemType,
      shape: { dim: [{ dim_param: 'N' }, ...(width === undefined ? [] : [{ dim_value: width }])] },
    },
  },
});

/** The .onnx bytes of a tree model; `gbdtJson` is the model's toJSON(), `encoding` its fitted feature encoding. */
export function treeModelToOnnx(gbdtJson: unknown, encoding: FeatureEncoding, meta: OnnxExportMeta): Uint8Array {
  const model = gbdtJson as TreeModelJson;
  if (!model || !Array.isArray(model.trees) || !Array.isArray(model.featureNames))
    throw refuse('the model holds no trees', 'model');
  const width = model.featureNames.length;
  const elemType = model.float32Inputs === true ? ONNX_FLOAT : ONNX_DOUBLE;
  const metadata: Record<string, string> = {
    'riskloop.model': `${meta.name}@${meta.version}`,
    'riskloop.target': meta.target,
    'riskloop.source': model.source ?? 'riskloop',
    'riskloop.features': JSON.stringify(model.featureNames),
    'riskloop.encoding': JSON.stringify(encoding.features),
    'riskloop.output': `${ONNX_PROBABILITIES}[:, 1] = P(${meta.target})`,
  };
  return encodeOnnxModel({
    ir_version: 8,
    producer_name: 'riskloop',
    producer_version: meta.producerVersion,
    domain: 'riskloop',
    model_version: meta.version,
    doc_string: `riskloop model ${meta.name}@${meta.version}: probability of ${meta.target}`,
    opset_import: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    metadata_props: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    graph: {
      name: meta.name,
      node: [
        {
          name: 'trees',
          op_type: 'TreeEnsembleClassifier',
          domain: 'ai.onnx.ml',
          input: [ONNX_INPUT],
          output: ['label', ONNX_PROBABILITIES],
          attribute: treeAttributes(model),
        },
      ],
      input: [tensorInfo(ONNX_INPUT, elemType, width)],
      output: [tensorInfo('label', 7, undefined), tensorInfo(ONNX_PROBABILITIES, ONNX_FLOAT, 2)],
    },
  });
}
