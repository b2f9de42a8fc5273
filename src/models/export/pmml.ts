/**
 * A scorecard as PMML 4.4 `Scorecard`: one Characteristic per variable, one Attribute per bin (the bin as a
 * predicate, its points as partialScore), initialScore = base points. Written so a PMML engine scores exactly as
 * riskloop does:
 * - Attributes are tried in order and the first true one scores, so the missing bin comes first (`isMissing`), then
 *   special values (`equal`, they sit inside a range too), then ranges (lower ≤ x < upper, from the cut points).
 * - Values riskloop scores in the missing bin are missing or invalid for PMML too: `invalidValueTreatment="asMissing"`
 *   turns text in a numeric field and a level not seen in training (categorical fields list their valid levels) into
 *   a missing value.
 * - Reason codes: each Characteristic's reason code is the variable name, its baselineScore the best points among
 *   bins that held training rows, as riskloop's `explain` ranks "points lost against the best bin"
 *   (reasonCodeAlgorithm="pointsBelow"). baselineMethod says "max" when that is every bin's maximum, else "other".
 * - The probability of bad implied by the score is an extra output (`probabilityOfBad`), from the scaling.
 */
import { scalingFactor, type ScorecardSpec, type ScorecardVariable } from '../scorecard.js';

export interface PmmlExportMeta {
  name: string;
  version: number;
  producerVersion: string;
}

/** How many ranked reason codes the PMML outputs (riskloop's explain default). */
export const PMML_REASON_CODES = 4;

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
/** Shortest text that parses back to the same double. */
const num = (x: number) => String(x);
/** A PMML string Array entry: always quoted, `"` and `\` escaped with a backslash. */
const arrayString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function attributeXml(partialScore: number, predicate: string): string {
  return `        <Attribute partialScore="${num(partialScore)}">\n          ${predicate}\n        </Attribute>`;
}

function numericAttributes(v: ScorecardVariable, field: string): string[] {
  const b = v.binning;
  const miss = b.bins.length - 1;
  const out = [attributeXml(v.points[miss]!, `<SimplePredicate field="${field}" operator="isMissing"/>`)];
  b.specials.forEach((value, s) => {
    out.push(
      attributeXml(
        v.points[b.cuts.length + 1 + s]!,
        `<SimplePredicate field="${field}" operator="equal" value="${num(value)}"/>`,
      ),
    );
  });
  for (let k = 0; k <= b.cuts.length; k++) {
    const lower =
      k > 0 ? `<SimplePredicate field="${field}" operator="greaterOrEqual" value="${num(b.cuts[k - 1]!)}"/>` : '';
    const upper =
      k < b.cuts.length ? `<SimplePredicate field="${field}" operator="lessThan" value="${num(b.cuts[k]!)}"/>` : '';
    const predicate =
      lower && upper
        ? `<CompoundPredicate booleanOperator="and">${lower}${upper}</CompoundPredicate>`
        : lower || upper || '<True/>';
    out.push(attributeXml(v.points[k]!, predicate));
  }
  return out;
}

function categoricalAttributes(v: ScorecardVariable, field: string): string[] {
  const bins = v.binning.bins;
  const miss = bins.length - 1;
  const out = [attributeXml(v.points[miss]!, `<SimplePredicate field="${field}" operator="isMissing"/>`)];
  bins.forEach((bin, k) => {
    const levels = bin.levels ?? [];
    if (levels.length === 0) return;
    const array = `<Array n="${levels.length}" type="string">${escapeXml(levels.map(arrayString).join(' '))}</Array>`;
    out.push(
      attributeXml(
        v.points[k]!,
        `<SimpleSetPredicate field="${field}" booleanOperator="isIn">${array}</SimpleSetPredicate>`,
      ),
    );
  });
  return out;
}

/** The best points among bins that held training rows (riskloop's reason-code baseline). */
export function baselinePoints(v: ScorecardVariable): number {
  let best = -Infinity;
  v.binning.bins.forEach((b, k) => {
    if (b.count > 0) best = Math.max(best, v.points[k]!);
  });
  return best === -Infinity ? Math.max(...v.points) : best;
}

function levelsOf(v: ScorecardVariable): string[] {
  return v.binning.bins.flatMap((b) => b.levels ?? []);
}

export function scorecardToPmml(spec: ScorecardSpec, meta: PmmlExportMeta): string {
  const { factor, offset } = scalingFactor(spec.scaling);
  const baselineIsMax = spec.variables.every((v) => baselinePoints(v) === Math.max(...v.points));
  const fields = spec.variables.map((v) => ({ v, field: escapeXml(v.binning.name) }));
  const dataFields = fields.map(({ v, field }) =>
    v.binning.kind === 'numeric'
      ? `    <DataField name="${field}" optype="continuous" dataType="double"/>`
      : [
          `    <DataField name="${field}" optype="categorical" dataType="string">`,
          ...levelsOf(v).map((l) => `      <Value value="${escapeXml(l)}"/>`),
          '    </DataField>',
        ].join('\n'),
  );
  const reasonOutputs = Array.from(
    { length: PMML_REASON_CODES },
    (_, r) =>
      `      <OutputField name="reasonCode${r + 1}" rank="${r + 1}" feature="reasonCode" dataType="string" optype="categorical"/>`,
  );
  // P(bad) = 1 / (1 + exp((score − offset) / factor)), the scaling riskloop's scorecard uses
  const probability = [
    '      <OutputField name="probabilityOfBad" feature="transformedValue" dataType="double" optype="continuous">',
    '        <Apply function="/"><Constant dataType="double">1</Constant><Apply function="+">',
    '          <Constant dataType="double">1</Constant><Apply function="exp"><Apply function="/">',
    `            <Apply function="-"><FieldRef field="score"/><Constant dataType="double">${num(offset)}</Constant></Apply>`,
    `            <Constant dataType="double">${num(factor)}</Constant>`,
    '        </Apply></Apply></Apply></Apply>',
    '      </OutputField>',
  ];
  const characteristics = fields.map(({ v, field }) =>
    [
      `      <Characteristic name="${field}" reasonCode="${field}" baselineScore="${num(baselinePoints(v))}">`,
      ...(v.binning.kind === 'numeric' ? numericAttributes(v, field) : categoricalAttributes(v, field)),
      '      </Characteristic>',
    ].join('\n'),
  );
  const title = `${meta.name}@${meta.version}`;
  const s = spec.scaling;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">',
    `  <Header description="${escapeXml(`riskloop scorecard ${title}: points for ${spec.target} (higher is safer); base score ${s.baseScore} at odds ${s.baseOdds}:1, ${s.pdo} points to double the odds`)}">`,
    `    <Application name="riskloop" version="${escapeXml(meta.producerVersion)}"/>`,
    '  </Header>',
    `  <DataDictionary numberOfFields="${fields.length}">`,
    ...dataFields,
    '  </DataDictionary>',
    `  <Scorecard modelName="${escapeXml(title)}" functionName="regression" useReasonCodes="true" reasonCodeAlgorithm="pointsBelow" initialScore="${num(spec.basePoints)}" baselineMethod="${baselineIsMax ? 'max' : 'other'}">`,
    '    <MiningSchema>',
    ...fields.map(
      ({ field }) => `      <MiningField name="${field}" usageType="active" invalidValueTreatment="asMissing"/>`,
    ),
    '    </MiningSchema>',
    '    <Output>',
    '      <OutputField name="score" feature="predictedValue" dataType="double" optype="continuous"/>',
    ...reasonOutputs,
    ...probability,
    '    </Output>',
    '    <Characteristics>',
    ...characteristics,
    '    </Characteristics>',
    '  </Scorecard>',
    '</PMML>',
    '',
  ].join('\n');
}
