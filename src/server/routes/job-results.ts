/**
 * What each kind of background job answers once done: one schema per kind, so `GET /v1/jobs/:id` is typed per kind
 * in the OpenAPI document and the generated client (a discriminated union on `kind`). Every object is closed: the
 * job runner checks a result against its kind's schema before storing it, so a field the schema does not name
 * fails the job in the tests that run it, instead of being dropped silently by the response serialiser.
 */
import { Type, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import { FlowBacktestFairnessSchema } from './fairness-schemas.js';

/** An object with no other properties (see the note above). */
const Closed = <P extends TProperties>(properties: P, options: { description?: string; title?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });
const Rate = Type.Union([Type.Number(), Type.Null()]);
const Count = Type.Integer({ minimum: 0 });

// ---- flows.backtest: a draft flow against the live champion on stored decisions, imported applications or a CSV
const RuleStatsSchema = Closed({
  ruleId: Type.String(),
  stageId: Type.String(),
  action: Type.String(),
  hits: Count,
  hitRate: Type.Number(),
  badRate: Type.Union([Type.Number(), Type.Null()], { description: 'among labelled rows where the rule fired' }),
  uniqueHits: Type.Integer({ description: 'fired when nothing earlier in the flow had fired' }),
});
const FlowStatsSchema = Closed({
  flowId: Type.String(),
  version: Type.Union([Type.Integer(), Type.Null()]),
  outcomes: Closed({ approve: Count, review: Count, decline: Count }),
  approvalRate: Type.Number(),
  badRateApproved: Rate,
  approvedLabelled: Count,
  rules: Type.Array(RuleStatsSchema),
  overlaps: Type.Array(Type.Array(Type.Integer()), { description: 'rows where rules i and j both fired' }),
});
const SwapSetSchema = Closed({
  count: Count,
  labelled: Count,
  bad: Count,
  badRate: Rate,
  sampleIds: Type.Array(Type.String()),
});
export const FlowBacktestResultSchema = Closed(
  {
    rows: Count,
    labelled: Count,
    seconds: Type.Number(),
    draft: FlowStatsSchema,
    baseline: FlowStatsSchema,
    swapIn: { ...SwapSetSchema, description: 'approved by the draft, not by the baseline' },
    swapOut: { ...SwapSetSchema, description: 'approved by the baseline, not by the draft' },
    agreement: Type.Array(Type.Array(Type.Integer()), {
      description: 'agreement[baseline outcome][draft outcome], approve / review / decline',
    }),
    draftVersion: Type.String(),
    baselineVersion: Type.String(),
    fairness: FlowBacktestFairnessSchema,
  },
  { title: 'FlowBacktestResult' },
);

// ---- triggers.backtest: a trigger set replayed against the live one over stored post-loan events
const Severity = Type.Union([
  Type.Literal('low'),
  Type.Literal('medium'),
  Type.Literal('high'),
  Type.Literal('critical'),
]);
const TriggerStatsSchema = Closed({
  triggerId: Type.String(),
  name: Type.String(),
  severity: Severity,
  alerts: Count,
  borrowers: Count,
  badAfterAlert: Type.Optional(Count),
});
const TriggerArmSchema = Closed({
  label: Type.String(),
  alerts: Count,
  borrowers: Count,
  freezes: Count,
  reductions: Count,
  triggers: Type.Array(TriggerStatsSchema),
  badAfterAlert: Type.Optional(Count),
  precision: Type.Optional(Rate),
  recall: Type.Optional(Rate),
});
export const TriggerBacktestResultSchema = Closed(
  {
    from: Type.Union([Type.String(), Type.Null()]),
    to: Type.Union([Type.String(), Type.Null()]),
    events: Count,
    borrowers: Count,
    seconds: Type.Number(),
    candidate: TriggerArmSchema,
    baseline: TriggerArmSchema,
    onlyCandidate: Count,
    onlyBaseline: Count,
    badBorrowers: Type.Optional(Count),
  },
  { title: 'TriggerBacktestResult' },
);

// ---- retrain: a challenger fitted on the outcomes that came back, against the champion out of time
const Scores = { auc: Type.Number(), ks: Type.Number(), gini: Type.Number(), psi: Type.Number() };
/** A retrained challenger against the champion on the same out-of-time rows (also in the model report). */
export const ChampionComparisonSchema = Closed(
  {
    outOfTimeFrom: Type.String(),
    rows: Type.Integer(),
    bads: Type.Integer(),
    challenger: Closed(Scores),
    champion: Type.Union([Closed({ version: Type.Integer(), ...Scores }), Type.Null()]),
    delta: Type.Union([Closed({ auc: Type.Number(), ks: Type.Number(), psi: Type.Number() }), Type.Null()]),
  },
  { title: 'ChampionComparison' },
);
export const RetrainResultSchema = Closed(
  {
    model: Type.String(),
    asOf: Type.String(),
    challenger: Closed(
      { name: Type.String(), version: Type.Integer(), status: Type.String() },
      { description: 'a draft until another person approves it' },
    ),
    trainedOn: Closed({ rows: Count, bads: Count }),
    comparison: ChampionComparisonSchema,
  },
  { title: 'RetrainResult' },
);

// ---- segments: RFM (answered at once) or k-means (a job)
const SegmentProfileSchema = Closed({
  segment: Type.String(),
  size: Count,
  share: Type.Number(),
  badRate: Type.Number(),
  utilisation: Type.Number(),
  revenue: Type.Number(),
  revenuePerCustomer: Type.Number(),
  centre: Type.Optional(
    Type.Record(Type.String(), Type.Number(), { description: 'feature means in original units (k-means)' }),
  ),
});
const SegmentChartsSchema = Type.Optional(
  Closed(
    { size: Type.String(), risk: Type.String() },
    { description: 'SVG charts (asked with charts: true): customers per segment, bad rate and utilisation' },
  ),
);
export const RfmSegmentationSchema = Closed(
  {
    method: Type.Literal('rfm'),
    customers: Count,
    profiles: Type.Array(SegmentProfileSchema),
    charts: SegmentChartsSchema,
  },
  { title: 'RfmSegmentation' },
);
export const KMeansSegmentationSchema = Closed(
  {
    method: Type.Literal('kmeans'),
    customers: Count,
    features: Type.Array(Type.String()),
    k: Type.Integer(),
    silhouette: Type.Number(),
    elbow: Closed({
      points: Type.Array(Closed({ k: Type.Integer(), inertia: Type.Number(), silhouette: Type.Number() })),
      bestK: Type.Integer({ description: 'the k with the best silhouette' }),
    }),
    profiles: Type.Array(SegmentProfileSchema),
    charts: SegmentChartsSchema,
  },
  { title: 'KMeansSegmentation' },
);

// ---- lookalike: prospects ranked by likeness to a seed of customers
export const LookalikeResultSchema = Closed(
  {
    method: Type.Literal('pu-logistic'),
    seedSize: Count,
    prospects: Count,
    holdout: Closed(
      { size: Count, topDecileRecall: Type.Number(), topDecileLift: Type.Number() },
      { description: 'seed members held out of the fit: how many of them the top decile finds' },
    ),
    model: Closed({ features: Type.Array(Type.String()), coefficients: Type.Record(Type.String(), Type.Number()) }),
    ranked: Type.Array(
      Closed({
        ref: Type.String(),
        score: Type.Number(),
        probability: Type.Number(),
        decile: Type.Integer({ minimum: 1, maximum: 10 }),
        reasons: Type.Array(Closed({ feature: Type.String(), contribution: Type.Number() })),
      }),
      { description: 'the top prospects, best first' },
    ),
  },
  { title: 'LookalikeResult' },
);

// ---- campaigns.prescreen: a prospect list through the fraud lists and the credit flow
export const CampaignSummarySchema = Closed(
  {
    prospects: Count,
    offers: Count,
    excluded: Count,
    exclusionsByReason: Type.Record(Type.String(), Count, { description: 'by first (principal) reason code' }),
    averageLimit: Rate,
    averagePrice: Rate,
  },
  { title: 'CampaignSummary' },
);
const ReasonSchema = Closed({ code: Type.String(), message: Type.String() });
export const CampaignEntrySchema = Closed(
  {
    entryNo: Type.Integer(),
    ref: Type.String(),
    offered: Type.Boolean(),
    limit: Rate,
    price: Rate,
    outcome: Type.Union([Type.Literal('offer'), Type.Literal('excluded')]),
    reasons: Type.Array(ReasonSchema, { description: 'exclusions: every reason, ranked; offers: what shaped it' }),
  },
  { title: 'CampaignEntry' },
);
export const CampaignPrescreenResultSchema = Closed(
  {
    campaignId: Type.String(),
    name: Type.String(),
    terms: Closed({
      product: Type.String(),
      amount: Type.Number(),
      term: Type.Integer(),
      minLimit: Type.Optional(Type.Number()),
    }),
    summary: CampaignSummarySchema,
    entries: Type.Optional(
      Type.Array(CampaignEntrySchema, {
        description: 'up to 1,000 prospects; larger lists: GET /v1/campaigns/:id/entries',
      }),
    ),
  },
  { title: 'CampaignPrescreenResult' },
);

/** Every kind of job and what it answers. */
export const JOB_RESULTS = {
  'flows.backtest': FlowBacktestResultSchema,
  'triggers.backtest': TriggerBacktestResultSchema,
  retrain: RetrainResultSchema,
  segments: KMeansSegmentationSchema,
  lookalike: LookalikeResultSchema,
  'campaigns.prescreen': CampaignPrescreenResultSchema,
} satisfies Record<string, TObject>;

export type JobKindName = keyof typeof JOB_RESULTS;

/** A job as `GET /v1/jobs/:id` answers it, for one kind. */
function jobOf<K extends JobKindName>(kind: K, result: (typeof JOB_RESULTS)[K]) {
  return Type.Object(
    {
      jobId: Type.String(),
      kind: Type.Literal(kind),
      status: Type.Union([
        Type.Literal('queued'),
        Type.Literal('running'),
        Type.Literal('done'),
        Type.Literal('failed'),
      ]),
      progress: Type.Number({ minimum: 0, maximum: 1 }),
      createdBy: Type.String(),
      attempts: Type.Integer({ description: 'more than 1: a node stopped while running it and another took over' }),
      result: Type.Optional({ ...result, description: 'once done' } as TSchema),
      error: Type.Optional(Type.String({ description: 'once failed' })),
      createdAt: Type.String(),
      updatedAt: Type.String(),
      finishedAt: Type.Optional(Type.String()),
    },
    { title: `Job.${kind}` },
  );
}

export const JobSchema = Type.Union(
  (Object.keys(JOB_RESULTS) as JobKindName[]).map((k) => jobOf(k, JOB_RESULTS[k])),
  { description: 'a background job: status, progress, and its result (typed by kind) or error' },
);
