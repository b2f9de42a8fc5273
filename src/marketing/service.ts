/**
 * The marketing service: what the API and CLI call. Reads the book from the store, runs the pure computations
 * (segments, lookalike, churn, tags, pre-screen) and stores tag sets and campaigns.
 */
import { newId, systemClock, ValidationError, type Clock, type KeyRing } from '../core/index.js';
import type { Stage } from '../decision/index.js';
import { yieldTurn } from '../jobs/index.js';
import { compileCondition, createEnv } from '../rules/index.js';
import type { Store } from '../store/index.js';
import { createBookCache } from './book-cache.js';
import { bookVersion, loadCustomerBook, loadLoanFacts } from './book-sql.js';
import { fitChurnModel, retentionList } from './churn.js';
import {
  CUSTOMER_FEATURE_NAMES,
  SKEWED_FEATURES,
  customerColumns,
  type CustomerFeature,
  type CustomerRecord,
} from './customers.js';
import { lookalikeProbability, lookalikeReasons } from './lookalike.js';
import {
  campaignEntries,
  getCampaign,
  latestTagSet,
  listTagSets,
  matchTakeUps,
  recordTakeUps,
  saveCampaign,
  saveTagSet,
  takenUpApplications,
  type TakeUp,
} from './marketing-sql.js';
import { buildPortrait, portraitFacts } from './portrait.js';
import { loadPortraitInput } from './portrait-sql.js';
import { prescreen, summariseCampaign, type OfferTerms, type Prospect } from './prescreen.js';
import { kmeansSegmentationOffThread, lookalikeOffThread } from './off-thread.js';
import { rfmSegmentation, segmentCharts } from './segments.js';
import { compileTagSet, DEFAULT_TAG_SET, portraitCatalog, type TagSetDefinition } from './tags.js';

/** Longest stretch of work a job does in this thread before handing the event loop back. */
const SLICE_MS = 5;

export interface MarketingServiceOptions {
  store: Store;
  keyRing: KeyRing;
  clock?: Clock;
  /** The live decision stages in pre-screen mode, per tenant (see prescreenStages). */
  prescreenStages: () => readonly Stage[];
  /** How long a folded customer book may be reused while its data version is unchanged (default 10 min). */
  bookTtlMs?: number;
}

export interface SegmentRequest {
  method: 'kmeans' | 'rfm';
  /** Customers with at least one loan (default), or everyone who applied. */
  population?: 'borrowers' | 'all';
  features?: CustomerFeature[];
  k?: number;
  ks?: number[];
  seed?: number;
  charts?: boolean;
}

export interface LookalikeRequest {
  /** Which customers are the seed: a condition over the portrait's customer facts. */
  seedWhen: string;
  features: CustomerFeature[];
  prospects: { ref: string; values: Partial<Record<CustomerFeature, number>> }[];
  top?: number;
  seed?: number;
}

export interface CampaignRequest {
  name: string;
  terms: OfferTerms;
  prospects: Prospect[];
}

function checkFeatures(features: readonly string[], path: string): CustomerFeature[] {
  const known = new Set<string>(CUSTOMER_FEATURE_NAMES);
  const issues = features
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => !known.has(f))
    .map(({ f, i }) => ({
      path: `${path}/${i}`,
      message: `unknown feature ${f}; one of ${CUSTOMER_FEATURE_NAMES.join(', ')}`,
    }));
  if (issues.length > 0) throw new ValidationError('unknown feature', issues);
  return features as CustomerFeature[];
}

export function createMarketingService(o: MarketingServiceOptions) {
  const { store } = o;
  const db = store.db;
  const clock = o.clock ?? systemClock;

  async function currentTagSet(tenantId: string) {
    const latest = await latestTagSet(db, tenantId);
    return latest ? compileTagSet(latest.definition, latest.version) : compileTagSet(DEFAULT_TAG_SET, 0);
  }

  const asOfFor = async (tenantId: string) => (await bookVersion(db, tenantId, clock.now())).asOf;
  const books = createBookCache({
    version: (tenantId) => bookVersion(db, tenantId, clock.now()),
    load: (tenantId, asOf) => loadCustomerBook(db, tenantId, asOf),
    ttlMs: o.bookTtlMs,
    now: () => clock.now().getTime(),
  });
  /** The tenant's folded book (shared between requests: read it, never change it). */
  const book = async (tenantId: string) => (await books.get(tenantId)).customers;

  return {
    book,
    /** Forgets the tenant's folded book (e.g. after an import); the next call folds it again. */
    refreshBook: (tenantId: string) => books.refresh(tenantId),

    async portrait(tenantId: string, customerId: string) {
      const asOf = await asOfFor(tenantId);
      const input = await loadPortraitInput(db, o.keyRing.sealer, tenantId, customerId, asOf);
      return buildPortrait(input, await currentTagSet(tenantId));
    },

    async tagSets(tenantId: string) {
      const versions = await listTagSets(db, tenantId);
      return versions.length > 0
        ? versions
        : [{ version: 0, definition: DEFAULT_TAG_SET, author: 'riskloop', note: 'built-in default', createdAt: null }];
    },

    async saveTagSet(tenantId: string, definition: TagSetDefinition, author: string, note?: string, actor?: string) {
      compileTagSet(definition); // every condition type-checks before anything is stored
      return saveTagSet(db, tenantId, definition, author, note, actor);
    },

    async segments(tenantId: string, req: SegmentRequest) {
      const everyone = await book(tenantId);
      // applicants who never borrowed are one obvious segment of their own; by default the book is the borrowers
      const customers = req.population === 'all' ? everyone : everyone.filter((c) => c.loans > 0);
      if (customers.length < 2) {
        throw new ValidationError('the book has too few customers to segment', [
          { path: '/book', message: `${customers.length} customers` },
        ]);
      }
      const profile = {
        bad: Float64Array.from(customers, (c) => (c.bad ? 1 : 0)),
        utilisation: Float64Array.from(customers, (c) => c.utilisation),
        revenue: Float64Array.from(customers, (c) => c.revenue),
      };
      if (req.method === 'rfm') {
        const r = rfmSegmentation(
          {
            recencyDays: Float64Array.from(customers, (c) => c.recencyDays),
            frequency: Float64Array.from(customers, (c) => c.loans + c.applications / 10),
            monetary: profile.revenue,
          },
          profile,
        );
        return {
          method: 'rfm' as const,
          customers: customers.length,
          profiles: r.profiles,
          ...(req.charts ? { charts: segmentCharts('RFM segments', r.profiles) } : {}),
        };
      }
      const features = checkFeatures(
        req.features ?? ['recencyDays', 'loans', 'totalPrincipal', 'utilisation', 'revenue', 'maxDpd'],
        '/features',
      );
      // seconds of CPU on a large book: in a worker thread, so the node keeps deciding meanwhile
      const r = await kmeansSegmentationOffThread(customerColumns(customers, features), profile, {
        k: req.k,
        ks: req.ks,
        seed: req.seed,
        log: SKEWED_FEATURES,
      });
      return {
        method: 'kmeans' as const,
        customers: customers.length,
        features,
        k: r.k,
        silhouette: Math.round(r.silhouette * 1000) / 1000,
        elbow: r.elbow,
        profiles: r.profiles,
        ...(req.charts ? { charts: segmentCharts('k-means segments', r.profiles) } : {}),
      };
    },

    /** Checks a lookalike request before it is queued: its features exist and its seed condition compiles. */
    checkLookalike(req: LookalikeRequest): void {
      checkFeatures(req.features, '/features');
      compileCondition(req.seedWhen, { catalog: portraitCatalog, path: '/seedWhen' });
    },

    /** `pause` hands the event loop back between slices of the seed condition's pass over the book (a job's). */
    async lookalike(tenantId: string, req: LookalikeRequest, pause: () => Promise<void> = yieldTurn) {
      const features = checkFeatures(req.features, '/features');
      const cond = compileCondition(req.seedWhen, { catalog: portraitCatalog, path: '/seedWhen' });
      const customers = await book(tenantId);
      const env = createEnv({ now: clock.now() });
      // the condition on every customer (regexes included) is in this thread: a few ms at a time
      const seedCustomers: CustomerRecord[] = [];
      let turn = performance.now();
      for (const c of customers) {
        if (cond.test(portraitFacts(c, undefined, [], env.now), env)) seedCustomers.push(c);
        if (performance.now() - turn > SLICE_MS) {
          await pause();
          turn = performance.now();
        }
      }
      const seedCols = customerColumns(seedCustomers, features);
      const prospectCols = Object.fromEntries(
        features.map((f) => [f, Float64Array.from(req.prospects, (p) => p.values[f] ?? Number.NaN)]),
      );
      // the fit, scoring and ranking of every prospect: in a worker thread, so the node keeps deciding meanwhile
      const { report, scores, order, decile } = await lookalikeOffThread(seedCols, prospectCols, features, {
        seed: req.seed,
        log: SKEWED_FEATURES,
      });
      const top = Math.min(req.top ?? 100, req.prospects.length);
      return {
        method: report.model.method,
        seedSize: seedCustomers.length,
        prospects: req.prospects.length,
        holdout: {
          size: report.holdoutSize,
          topDecileRecall: round(report.holdoutTopDecileRecall),
          topDecileLift: round(report.holdoutTopDecileLift),
        },
        model: {
          features,
          coefficients: Object.fromEntries(features.map((f, j) => [f, round(report.model.coefficients[j]!)])),
        },
        ranked: Array.from(order.subarray(0, top), (i) => ({
          ref: req.prospects[i]!.ref,
          score: round(scores[i]!),
          probability: round(lookalikeProbability(report.model, scores[i]!)),
          decile: decile[i]!,
          reasons: lookalikeReasons(report.model, req.prospects[i]!.values as Record<string, number>),
        })),
      };
    },

    async churn(tenantId: string, limit = 100) {
      const { asOf: asOfDate, customers } = await books.get(tenantId);
      const asOf = asOfDate.getTime();
      const model = fitChurnModel(customers, asOf);
      return {
        asOf: asOfDate.toISOString(),
        model: {
          labelled: model.labelled,
          churnRate: round(model.churnRate),
          holdoutAuc: round(model.holdoutAuc),
          coefficients: Object.fromEntries(model.features.map((f, j) => [f, round(model.coefficients[j]!)])),
        },
        retention: retentionList(model, customers, limit),
      };
    },

    async createCampaign(
      tenantId: string,
      req: CampaignRequest,
      createdBy: string,
      onProgress?: (done: number, total: number) => void,
      /** The audit chain's actor (`user:<id>` / `key:<id>`); default `createdBy`. */
      actor?: string,
    ) {
      const campaignId = newId('cmp', clock.now());
      const entries = await prescreen(req.prospects, {
        tenantId,
        campaignId,
        terms: req.terms,
        stages: o.prescreenStages(),
        identifierKey: o.keyRing.tenantHmacKey(tenantId),
        clock,
        onProgress,
      });
      const summary = summariseCampaign(entries);
      await saveCampaign(
        db,
        tenantId,
        { campaignId, name: req.name, terms: req.terms, summary, createdBy },
        entries,
        actor ?? createdBy,
      );
      return { campaignId, name: req.name, terms: req.terms, summary, entries };
    },

    getCampaign: (tenantId: string, campaignId: string) => getCampaign(db, tenantId, campaignId),

    async campaignEntries(
      tenantId: string,
      campaignId: string,
      opts: { offered?: boolean; after?: number; limit: number },
    ) {
      await getCampaign(db, tenantId, campaignId);
      return campaignEntries(db, tenantId, campaignId, opts);
    },

    async takeUp(tenantId: string, campaignId: string, takeUps: TakeUp[], actor?: string) {
      await getCampaign(db, tenantId, campaignId);
      return recordTakeUps(db, tenantId, campaignId, takeUps, clock.now(), actor);
    },

    /**
     * Offers, take-up and the later bad rate of the loans taken up (core/delinquency: ever 30+ DPD or written off). Offered
     * prospects who applied within the offer window are matched first (matchTakeUps).
     */
    async campaignResults(tenantId: string, campaignId: string) {
      const c = await getCampaign(db, tenantId, campaignId);
      await matchTakeUps(db, tenantId, campaignId);
      const t = await takenUpApplications(db, tenantId, campaignId);
      const loans = t.applicationIds.length > 0 ? await loadLoanFacts(db, tenantId, clock.now(), t.applicationIds) : [];
      const bad = loans.filter((l) => l.bad).length;
      return {
        campaignId,
        name: c.name,
        summary: c.summary,
        takenUp: t.takenUp,
        takeUpRate: c.summary.offers > 0 ? round(t.takenUp / c.summary.offers) : null,
        loans: loans.length,
        badLoans: bad,
        badRate: loans.length > 0 ? round(bad / loans.length) : null,
      };
    },
  };
}

export type MarketingService = ReturnType<typeof createMarketingService>;
export type { CustomerRecord };

const round = (x: number) => Math.round(x * 10000) / 10000;
