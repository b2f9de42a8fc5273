/**
 * A tree model as PMML 4.4 for engines that take PMML for trees too: a `MiningModel` whose `Segmentation` sums one
 * `TreeModel` per tree (plus a one-leaf segment holding the base margin), and `probabilityOfBad` = sigmoid(margin)
 * as an output. Each split is two children, `x < threshold` then `x ≥ threshold`; a missing value makes both
 * UNKNOWN, and `missingValueStrategy="defaultChild"` sends it the node's default way (LightGBM's "NaN as zero" becomes
 * the way 0 would go; "zero is missing" has no PMML form and is refused). Unlike the ONNX file, the inputs are the
 * raw facts: a categorical fact's levels map to the fitted encoding's codes in a `MapValues` derived field (a level
 * not seen in training maps to missing, as riskloop encodes it). XGBoost imports compare in float32: their fields are
 * `dataType="float"`, so an engine rounds inputs as XGBoost does.
 */
import { ValidationError } from '../../core/errors.js';
import type { FeatureEncoding } from '../encoding.js';
import { MISSING_LEFT, NAN_AS_ZERO, ZERO_IS_MISSING, type TreeNodes } from '../gbdt/forest.js';

interface TreeModelJson {
  featureNames: string[];
  baseMargin: number;
  float32Inputs?: boolean;
  trees: TreeNodes[];
}

export interface PmmlTreesMeta {
  name: string;
  version: number;
  target: string;
  producerVersion: string;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const num = (x: number) => String(x);

function refuse(message: string, path: string): ValidationError {
  return new ValidationError(`cannot export as PMML: ${message}`, [{ path, message }]);
}

function treeXml(t: TreeNodes, ti: number, inputs: string[], indent: string): string[] {
  const out: string[] = [];
  const walk = (i: number, predicate: string, pad: string) => {
    const feat = t.feature[i]!;
    if (feat < 0) {
      out.push(`${pad}<Node id="${i}" score="${num(t.value[i]!)}">${predicate}</Node>`);
      return;
    }
    const flags = t.flags[i]!;
    if (flags & ZERO_IS_MISSING)
      throw refuse('a LightGBM split treats zero as missing, which PMML trees cannot express', `trees/${ti}/${i}`);
    const threshold = t.threshold[i]!;
    const nanLeft = flags & NAN_AS_ZERO ? 0 < threshold : (flags & MISSING_LEFT) !== 0;
    const left = t.left[i]!;
    const right = t.right[i]!;
    const field = inputs[feat]!;
    out.push(`${pad}<Node id="${i}" defaultChild="${nanLeft ? left : right}">${predicate}`);
    walk(left, `<SimplePredicate field="${field}" operator="lessThan" value="${num(threshold)}"/>`, `${pad}  `);
    walk(right, `<SimplePredicate field="${field}" operator="greaterOrEqual" value="${num(threshold)}"/>`, `${pad}  `);
    out.push(`${pad}</Node>`);
  };
  walk(0, '<True/>', indent);
  return out;
}

export function treeModelToPmml(gbdtJson: unknown, encoding: FeatureEncoding, meta: PmmlTreesMeta): string {
  const model = gbdtJson as TreeModelJson;
  if (!model || !Array.isArray(model.trees) || !Array.isArray(model.featureNames))
    throw refuse('the model holds no trees', 'model');
  const dataType = model.float32Inputs === true ? 'float' : 'double';
  const features = model.featureNames.map((name, j) => ({
    name: escapeXml(name),
    codes: encoding.features[j]?.kind === 'categorical' ? (encoding.features[j]!.codes ?? {}) : undefined,
  }));
  // what the trees split on: the raw field, or the categorical field's code
  const inputs = features.map((f) => (f.codes ? `${f.name}.code` : f.name));
  const dataFields = features.map((f) =>
    f.codes
      ? [
          `    <DataField name="${f.name}" optype="categorical" dataType="string">`,
          ...Object.keys(f.codes).map((l) => `      <Value value="${escapeXml(l)}"/>`),
          '    </DataField>',
        ].join('\n')
      : `    <DataField name="${f.name}" optype="continuous" dataType="${dataType}"/>`,
  );
  const derived = features.flatMap((f) =>
    f.codes
      ? [
          `    <DerivedField name="${f.name}.code" optype="continuous" dataType="double">`,
          `      <MapValues outputColumn="code" dataType="double">`,
          `        <FieldColumnPair field="${f.name}" column="level"/>`,
          '        <InlineTable>',
          ...Object.entries(f.codes).map(
            ([l, c]) => `          <row><level>${escapeXml(l)}</level><code>${num(c)}</code></row>`,
          ),
          '        </InlineTable>',
          '      </MapValues>',
          '    </DerivedField>',
        ]
      : [],
  );
  const miningSchema = (pad: string) => [
    `${pad}<MiningSchema>`,
    ...features.map(
      (f) => `${pad}  <MiningField name="${f.name}" usageType="active" invalidValueTreatment="asMissing"/>`,
    ),
    `${pad}</MiningSchema>`,
  ];
  const segment = (id: string, body: string[]) => [
    `      <Segment id="${id}">`,
    '        <True/>',
    '        <TreeModel functionName="regression" missingValueStrategy="defaultChild" noTrueChildStrategy="returnNullPrediction" splitCharacteristic="binarySplit">',
    ...miningSchema('          '),
    ...body,
    '        </TreeModel>',
    '      </Segment>',
  ];
  const title = `${meta.name}@${meta.version}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">',
    `  <Header description="${escapeXml(`riskloop tree model ${title}: probability of ${meta.target} = sigmoid(sum of the segments)`)}">`,
    `    <Application name="riskloop" version="${escapeXml(meta.producerVersion)}"/>`,
    '  </Header>',
    `  <DataDictionary numberOfFields="${features.length}">`,
    ...dataFields,
    '  </DataDictionary>',
    '  <TransformationDictionary>',
    ...derived,
    '  </TransformationDictionary>',
    `  <MiningModel modelName="${escapeXml(title)}" functionName="regression">`,
    ...miningSchema('    '),
    '    <Output>',
    '      <OutputField name="margin" feature="predictedValue" dataType="double" optype="continuous"/>',
    '      <OutputField name="probabilityOfBad" feature="transformedValue" dataType="double" optype="continuous">',
    '        <Apply function="/"><Constant dataType="double">1</Constant><Apply function="+">',
    '          <Constant dataType="double">1</Constant><Apply function="exp">',
    '            <Apply function="*"><Constant dataType="double">-1</Constant><FieldRef field="margin"/></Apply>',
    '        </Apply></Apply></Apply>',
    '      </OutputField>',
    '    </Output>',
    '    <Segmentation multipleModelMethod="sum">',
    ...segment('base', [`          <Node id="0" score="${num(model.baseMargin)}"><True/></Node>`]),
    ...model.trees.flatMap((t, ti) => segment(String(ti), treeXml(t, ti, inputs, '          '))),
    '    </Segmentation>',
    '  </MiningModel>',
    '</PMML>',
    '',
  ].join('\n');
}
