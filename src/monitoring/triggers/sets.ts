/**
 * Per-tenant trigger sets: the in-memory live sets the monitor reads on every event (synchronously), and the
 * administration service the API, CLI and console call — validate, save a draft, backtest it on the tenant's
 * event history against the live set, publish. A tenant without a published set runs the stock triggers.
 * This node's publishes apply at once; other nodes' arrive with `refresh(tenant)` on the change feed's signal.
 */
import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { Actor } from '../../core/four-eyes.js';
import type { Facts } from '../../rules/index.js';
import type { MonitoringEvent } from '../events/schemas.js';
import { runTriggerBacktest, type TriggerBacktestReport } from './backtest.js';
import {
  compileTriggerSet,
  DEFAULT_TRIGGER_SET,
  parseTriggerSet,
  TriggerSetValidationError,
  type TriggerIssue,
  type TriggerSetDocument,
} from './document.js';
import type { TriggerSetRepository, TriggerSetVersion } from './set-store.js';
import type { Trigger } from './trigger.js';

export interface TriggerSetInput {
  document?: unknown;
  text?: string;
}

/** What a tenant runs now: its published version, or the stock triggers (`version` null). */
export interface LiveTriggerSet {
  version: number | null;
  stock: boolean;
  document: TriggerSetDocument;
  publishedBy: string | null;
  publishedAt: string | null;
}

export interface TriggerHistory {
  /** The tenant's stored events from `since` (ms), oldest first. */
  events(tenantId: string, since: number): AsyncIterable<MonitoringEvent>;
  /** Event time of the tenant's newest stored event (ms), null when it has none. */
  newest(tenantId: string): Promise<number | null>;
  /** When each of the tenant's borrowers first went bad (ms), for the backtest's outcome columns. */
  outcomes?(tenantId: string): Promise<ReadonlyMap<string, number>>;
}

export interface TriggerSets {
  /** The tenant's live triggers, compiled (synchronous: the monitor calls it per event). */
  forTenant(tenantId: string): readonly Trigger[];
  /** Re-read a tenant's live set, or every tenant's without an argument (other nodes' publishes). */
  refresh(tenantId?: string): Promise<void>;

  live(tenantId: string): Promise<LiveTriggerSet>;
  versions(tenantId: string): Promise<TriggerSetVersion[]>;
  version(tenantId: string, version: number): Promise<TriggerSetVersion>;
  validate(input: TriggerSetInput): { valid: boolean; problems: TriggerIssue[]; triggers: number };
  saveDraft(tenantId: string, input: TriggerSetInput, actor: Actor, comment?: string): Promise<TriggerSetVersion>;
  /** Replay `days` of the tenant's events (default 90, counted back from the newest) through a version and the live set. */
  backtest(tenantId: string, version: number, options?: { days?: number }): Promise<TriggerBacktestReport>;
  /** Four eyes: `actor` must be a person other than the version's author. */
  publish(tenantId: string, version: number, actor: Actor, comment?: string): Promise<TriggerSetVersion>;
}

const DAY_MS = 86_400_000;

export function createTriggerSets(options: {
  repo: TriggerSetRepository;
  history?: TriggerHistory;
  rescore?: (facts: Facts, event: MonitoringEvent) => number | null;
}): TriggerSets {
  const { repo } = options;
  const stock = compileTriggerSet(DEFAULT_TRIGGER_SET);
  // tenant → its live version compiled; a tenant absent here runs the stock triggers
  const live = new Map<string, { version: number; triggers: Trigger[] }>();
  const compiled = new Map<string, Trigger[]>(); // `${tenant}\0${version}` → triggers (versions never change)

  const compileVersion = (tenantId: string, v: TriggerSetVersion) => {
    const k = `${tenantId}\0${v.version}`;
    let triggers = compiled.get(k);
    if (!triggers) compiled.set(k, (triggers = compileTriggerSet(v.document)));
    return triggers;
  };
  const adopt = (tenantId: string, v: TriggerSetVersion | undefined) => {
    if (v) live.set(tenantId, { version: v.version, triggers: compileVersion(tenantId, v) });
    else live.delete(tenantId);
  };
  const versionOf = async (tenantId: string, version: number) => {
    const v = await repo.version(tenantId, version);
    if (!v) throw new NotFoundError(`trigger-set version ${version}`);
    return v;
  };

  return {
    forTenant: (tenantId) => live.get(tenantId)?.triggers ?? stock,
    async refresh(tenantId) {
      if (tenantId !== undefined) return adopt(tenantId, await repo.live(tenantId));
      const all = await repo.allLive();
      const seen = new Set<string>();
      for (const { tenantId, set } of all) {
        seen.add(tenantId);
        if (live.get(tenantId)?.version !== set.version) adopt(tenantId, set);
      }
      for (const tenantId of [...live.keys()]) if (!seen.has(tenantId)) live.delete(tenantId);
    },
    async live(tenantId) {
      const v = await repo.live(tenantId);
      adopt(tenantId, v);
      return v
        ? {
            version: v.version,
            stock: false,
            document: v.document,
            publishedBy: v.publishedBy,
            publishedAt: v.publishedAt,
          }
        : { version: null, stock: true, document: DEFAULT_TRIGGER_SET, publishedBy: null, publishedAt: null };
    },
    versions: (tenantId) => repo.versions(tenantId),
    version: versionOf,
    validate(input) {
      try {
        const triggers = compileTriggerSet(parseTriggerSet(input));
        return { valid: true, problems: [], triggers: triggers.length };
      } catch (e) {
        if (e instanceof TriggerSetValidationError) return { valid: false, problems: e.problems, triggers: 0 };
        throw e;
      }
    },
    async saveDraft(tenantId, input, actor, comment = '') {
      const document = parseTriggerSet(input);
      compileTriggerSet(document); // authoring errors now, never at publish or on an event
      return repo.saveDraft(tenantId, document, actor, comment);
    },
    async backtest(tenantId, version, opts = {}) {
      if (!options.history)
        throw new ValidationError('no event history on this node', [{ path: '/', message: 'backtest unavailable' }]);
      const days = opts.days ?? 90;
      if (!(days > 0 && days <= 3660))
        throw new ValidationError('days out of range', [{ path: '/days', message: 'between 1 and 3660' }]);
      const candidate = await versionOf(tenantId, version);
      const current = await repo.live(tenantId);
      const history = options.history;
      // the window ends at the newest stored event, so an old book replays its own last `days`
      const newest = await history.newest(tenantId);
      const since = newest === null ? 0 : newest - days * DAY_MS;
      return runTriggerBacktest({
        candidate: {
          label: `${candidate.status} v${candidate.version}`,
          triggers: compileVersion(tenantId, candidate),
        },
        baseline: current
          ? { label: `live v${current.version}`, triggers: compileVersion(tenantId, current) }
          : { label: 'stock triggers', triggers: stock },
        events: history.events(tenantId, since),
        ...(options.rescore ? { rescore: options.rescore } : {}),
        ...(history.outcomes ? { outcomes: await history.outcomes(tenantId) } : {}),
      });
    },
    async publish(tenantId, version, actor, comment = '') {
      const v = await versionOf(tenantId, version);
      compileVersion(tenantId, v); // the catalogue may have changed since it was saved
      const published = await repo.publish(tenantId, version, actor, comment);
      adopt(tenantId, published);
      return published;
    },
  };
}
