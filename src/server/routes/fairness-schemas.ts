/**
 * Fairness in the API's schemas: a report by protected group (flow backtest results), the publish gate's findings
 * (audit entries, the 409 of a refused publish) and the tenant's gate settings. Closed objects: job results are
 * checked against their schema before they are stored (job-results.ts).
 */
import { Type, type TProperties } from '@sinclair/typebox';

const Closed = <P extends TProperties>(properties: P, options: { description?: string; title?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });
const Rate = Type.Union([Type.Number(), Type.Null()]);
const Count = Type.Integer({ minimum: 0 });
const Dimension = Type.Union([Type.Literal('age'), Type.Literal('sex'), Type.Literal('province')]);

export const FairnessReportSchema = Closed(
  {
    // no `format`: job results are checked with TypeBox's compiler, which knows no formats unless registered
    asOf: Type.String({ description: 'ISO 8601 time the outcomes were read as of' }),
    threshold: Type.Number(),
    dimensions: Type.Array(
      Closed({
        dimension: Dimension,
        reference: Type.Union([Type.String(), Type.Null()], {
          description: 'the most favoured group with 30+ rows (never unknown)',
        }),
        groups: Type.Array(
          Closed({
            dimension: Dimension,
            group: Type.String(),
            decisions: Count,
            approved: Count,
            loans: Count,
            judged: Count,
            bads: Count,
            approvalRate: Rate,
            badRate: Rate,
            adverseImpactRatio: Rate,
            flagged: Type.Boolean(),
          }),
        ),
      }),
    ),
    flagged: Type.Array(Type.String(), { description: 'groups under the threshold, as dimension:group' }),
  },
  { title: 'FairnessReport' },
);

export const FlowBacktestFairnessSchema = Type.Union(
  [
    Closed(
      { draft: FairnessReportSchema, baseline: FairnessReportSchema },
      {
        description:
          'approval rates by age band, sex and province and adverse impact ratios against the most favoured group; ' +
          'loans/judged are approved rows with a known outcome, bads the bad ones among them',
      },
    ),
    Type.Null(),
  ],
  { description: 'null when the source carried no protected groups (a CSV without age, sex, province or id)' },
);

const Mode = Type.Union([Type.Literal('off'), Type.Literal('warn'), Type.Literal('block')]);

export const FairnessGateCheckSchema = Closed(
  {
    mode: Mode,
    threshold: Type.Number(),
    rows: Type.Integer({ description: 'stored decisions the version was run over (the newest, at most 5,000)' }),
    flagged: Type.Array(
      Closed({
        dimension: Dimension,
        group: Type.String(),
        reference: Type.String(),
        approvalRate: Type.Number(),
        adverseImpactRatio: Type.Number(),
      }),
    ),
    unjudged: Type.Optional(
      Type.String({
        description:
          'why the version could not be run over the stored decisions (a flow calling an ONNX model); warn ' +
          'publishes with it on record, block refuses',
      }),
    ),
  },
  { title: 'FairnessGateCheck' },
);

export const FairnessSettingsSchema = Closed(
  {
    mode: Mode,
    threshold: Type.Number({ description: 'adverse impact ratio under which a group is flagged, in (0, 1]' }),
  },
  { title: 'FairnessSettings' },
);
