/**
 * `riskloop triggers show|versions|validate|draft|backtest|publish`: a tenant's post-loan triggers against the
 * store directly (like `riskloop policy`), audited as `cli:<os user>`. Backtests replay the store's event outbox;
 * a node on NATS JetStream backtests through the API instead (`POST /v1/monitoring/triggers/versions/:v/backtest`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { RiskloopError, ValidationError, type Actor } from '../../core/index.js';
import { loadConfig } from '../../config/index.js';
import {
  createSqlTriggerHistory,
  createSqlTriggerSetRepository,
  createTriggerSets,
  TriggerSetValidationError,
  type ArmReport,
  type TriggerIssue,
  type TriggerSets,
} from '../../monitoring/index.js';
import { openStore, type Store } from '../../store/index.js';
import { actorNamed } from '../../users/index.js';

/** Audited as `cli:<os user>`, or as the console user `--as` names: a person four eyes can tell apart. */
const actingAs = async (store: Store, tenantId: string, as: string | undefined): Promise<Actor> =>
  as ? actorNamed(store.db, tenantId, as) : { id: `cli:${userInfo().username}`, human: null };

// a condition's message already names the nearest field; a reason placeholder's does not
const describe = (p: TriggerIssue) =>
  `${p.path}${p.line ? ` (line ${p.line}, column ${p.column})` : ''}: ${p.message}` +
  (p.suggestion && !p.message.includes(p.suggestion) ? ` (did you mean ${p.suggestion}?)` : '');

async function withTriggers(fn: (t: TriggerSets, store: Store) => Promise<void>): Promise<void> {
  const store = await openStore(loadConfig().store);
  try {
    await fn(
      createTriggerSets({ repo: createSqlTriggerSetRepository(store.db), history: createSqlTriggerHistory(store.db) }),
      store,
    );
  } catch (err) {
    if (err instanceof TriggerSetValidationError) {
      console.error(`✗ ${err.problems.length} problem(s):`);
      for (const p of err.problems) console.error(`  ${describe(p)}`);
    } else if (err instanceof ValidationError) {
      console.error(`✗ ${err.message}`);
      for (const i of err.issues) console.error(`  ${i.path}: ${i.message}`);
    } else if (err instanceof RiskloopError) console.error(`✗ ${err.message}`);
    else throw err;
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`);

function printArm(a: ArmReport): void {
  console.log(
    `${a.label}: ${a.alerts} alerts on ${a.borrowers} borrowers (${a.freezes} freeze, ${a.reductions} reduce)` +
      (a.precision !== undefined
        ? `; went bad after an alert ${a.badAfterAlert} (precision ${pct(a.precision)}, recall ${pct(a.recall)})`
        : ''),
  );
  for (const t of a.triggers)
    console.log(
      `  ${t.triggerId.padEnd(24)} ${String(t.alerts).padStart(7)} alerts ${String(t.borrowers).padStart(7)} borrowers` +
        (t.badAfterAlert !== undefined ? ` ${String(t.badAfterAlert).padStart(6)} bad after` : ''),
    );
}

export function register(program: Command): void {
  const triggers = program
    .command('triggers')
    .description("a tenant's post-loan triggers: show, validate, draft, backtest on the event history, publish");

  triggers
    .command('show')
    .description('print the live trigger set (the stock set until one is published) as YAML')
    .requiredOption('--tenant <tenantId>')
    .option('--version <n>', 'a saved version instead of the live one', (v) => Number.parseInt(v, 10))
    .option('--out <file>', 'write it to a file (a starting point for an edit)')
    .action(async (o: { tenant: string; version?: number; out?: string }) => {
      await withTriggers(async (t) => {
        const doc = o.version ? (await t.version(o.tenant, o.version)).document : (await t.live(o.tenant)).document;
        const text = stringify(doc, { lineWidth: 0 });
        if (o.out) writeFileSync(o.out, text);
        else process.stdout.write(text);
      });
    });

  triggers
    .command('versions')
    .requiredOption('--tenant <tenantId>')
    .action(async (o: { tenant: string }) => {
      await withTriggers(async (t) => {
        const live = await t.live(o.tenant);
        if (live.stock) console.log('live: stock triggers (no published version)');
        for (const v of await t.versions(o.tenant))
          console.log(
            [
              `v${v.version}`,
              v.status,
              `${v.document.triggers.length} triggers`,
              `by ${v.author}`,
              v.createdAt,
              v.comment,
            ]
              .filter(Boolean)
              .join('\t'),
          );
      });
    });

  triggers
    .command('validate')
    .argument('<file>', 'trigger set (YAML or JSON)')
    .action(async (file: string) => {
      await withTriggers(async (t) => {
        const r = t.validate({ text: readFileSync(file, 'utf8') });
        if (r.valid) console.log(`✓ ${r.triggers} triggers`);
        else {
          console.error(`✗ ${r.problems.length} problem(s):`);
          for (const p of r.problems) console.error(`  ${describe(p)}`);
          process.exitCode = 1;
        }
      });
    });

  triggers
    .command('draft')
    .description('save a trigger set (YAML or JSON) as a new draft version')
    .argument('<file>')
    .requiredOption('--tenant <tenantId>')
    .option('--comment <text>', 'why', '')
    .option('--as <email>', 'the console user writing it (four eyes: another person publishes it)')
    .action(async (file: string, o: { tenant: string; comment: string; as?: string }) => {
      await withTriggers(async (t, store) => {
        const actor = await actingAs(store, o.tenant, o.as);
        const v = await t.saveDraft(o.tenant, { text: readFileSync(file, 'utf8') }, actor, o.comment);
        console.log(`✓ trigger set v${v.version} saved as draft (${v.document.triggers.length} triggers)`);
      });
    });

  triggers
    .command('backtest')
    .description("replay the tenant's stored events through a version and the live set")
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--version <n>', 'version number', (v) => Number.parseInt(v, 10))
    .option('--days <n>', 'days of history, back from the newest event', (v) => Number.parseInt(v, 10), 90)
    .option('--json', 'print the report as JSON')
    .action(async (o: { tenant: string; version: number; days: number; json?: boolean }) => {
      await withTriggers(async (t) => {
        const r = await t.backtest(o.tenant, o.version, { days: o.days });
        if (o.json) {
          console.log(JSON.stringify(r));
          return;
        }
        console.log(
          `${r.events} events of ${r.borrowers} borrowers, ${r.from ?? '—'} … ${r.to ?? '—'} (${r.seconds} s)`,
        );
        printArm(r.candidate);
        printArm(r.baseline);
        console.log(
          `borrowers alerted only by ${r.candidate.label}: ${r.onlyCandidate}; only by ${r.baseline.label}: ${r.onlyBaseline}`,
        );
      });
    });

  triggers
    .command('publish')
    .description('make a version the live trigger set (the one it replaces is retired)')
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--version <n>', 'version number', (v) => Number.parseInt(v, 10))
    .requiredOption('--comment <text>', 'why (kept in the audit log)')
    .requiredOption('--as <email>', "the console user publishing it: a person other than the version's author")
    .action(async (o: { tenant: string; version: number; comment: string; as: string }) => {
      await withTriggers(async (t, store) => {
        const v = await t.publish(o.tenant, o.version, await actingAs(store, o.tenant, o.as), o.comment);
        console.log(`✓ trigger set v${v.version} is live for ${o.tenant}`);
        console.error('running nodes pick the change up within a second');
      });
    });
}
