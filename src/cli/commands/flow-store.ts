/**
 * `riskloop policy …`: decision flows and lists against the store directly (like `riskloop keys`), for operators
 * and pipelines. `riskloop flow validate|diff|backtest` works on files; these change what the API serves.
 * (A separate top-level command: commander cannot reliably extend `flow` from another file, load order is not fixed.)
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import {
  createKeyRing,
  FairnessGateError,
  mergeFieldCatalogs,
  RiskloopError,
  ValidationError,
} from '../../core/index.js';
import { loadConfig } from '../../config/index.js';
import { APPLICATION_FACTS } from '../../decision/index.js';
import { featureCatalog } from '../../features/index.js';
import { createModelsRuntime } from '../../models/index.js';
import { FlowValidationError, describeIssue, type FlowRole } from '../../rules/index.js';
import {
  createPolicyRuntime,
  createPolicyService,
  policyRepositories,
  type Actor,
  type PolicyService,
} from '../../rules-store/index.js';
import { openStore, type Store } from '../../store/index.js';
import { actorNamed } from '../../users/index.js';

/**
 * CLI changes are made with store access, i.e. as an operator: audited as `cli:<os user>`, a person to four eyes
 * only when `--as <email>` names a console user of the tenant.
 */
const cliActor = (): Actor => ({ id: `cli:${userInfo().username}`, role: 'admin', human: null });
const actingAs = async (store: Store, tenantId: string, as: string | undefined): Promise<Actor> =>
  as ? { ...(await actorNamed(store.db, tenantId, as)), role: 'admin' } : cliActor();

async function withPolicy<T>(
  tenantId: string,
  fn: (policy: PolicyService, store: Store) => Promise<T>,
): Promise<T | undefined> {
  const config = loadConfig();
  const store = await openStore(config.store);
  try {
    // the tenant's approved models: a flow that calls one compiles against them, and the fairness gate runs it
    const models = createModelsRuntime(store.db);
    await models.refresh(tenantId);
    const runtime = createPolicyRuntime({
      repos: policyRepositories(store.db),
      keyRing: createKeyRing(config.masterKey),
      catalog: mergeFieldCatalogs(APPLICATION_FACTS, featureCatalog()),
      models: (t) => models.forTenant(t),
    });
    await runtime.reloadLists(tenantId);
    return await fn(createPolicyService({ store, runtime }), store);
  } catch (err) {
    if (err instanceof FlowValidationError) {
      console.error(`✗ ${err.problems.length} problem(s):`);
      for (const p of err.problems)
        console.error(`  ${p.path}: ${describeIssue(p)}${p.suggestion ? ` (did you mean ${p.suggestion}?)` : ''}`);
    } else if (err instanceof ValidationError) {
      console.error(`✗ ${err.message}`);
      for (const i of err.issues) console.error(`  ${i.path}: ${i.message}`);
    } else if (err instanceof RiskloopError) console.error(`✗ ${err.message}`);
    else throw err;
    // refused by the tenant's fairness gate: a scheduler can tell it from a bad request
    process.exitCode = err instanceof FairnessGateError ? 4 : 1;
    return undefined;
  } finally {
    await store.close();
  }
}

export function register(program: Command): void {
  const policy = program
    .command('policy')
    .description('decision flows and lists in the store: draft, publish, versions, shadow report, list import');

  policy
    .command('draft')
    .description('save a flow document (YAML/JSON) as a new draft version')
    .argument('<file>')
    .requiredOption('--tenant <tenantId>')
    .option('--comment <text>', 'why', '')
    .option('--as <email>', 'the console user writing it (four eyes: another person publishes it)')
    .action(async (file: string, o: { tenant: string; comment: string; as?: string }) => {
      await withPolicy(o.tenant, async (p, store) => {
        const actor = await actingAs(store, o.tenant, o.as);
        const rec = await p.saveDraft(o.tenant, { text: readFileSync(file, 'utf8') }, actor, o.comment);
        console.log(`✓ ${rec.flowId}@${rec.version} saved as draft`);
      });
    });

  const addPublish = (parent: Command) =>
    parent
      .command('publish')
      .description('publish a draft version as champion (answers) or challenger (shadow)')
      .requiredOption('--tenant <tenantId>')
      .requiredOption('--flow <flowId>')
      .requiredOption('--version <n>', 'version number', (v) => Number.parseInt(v, 10))
      .requiredOption('--comment <text>', 'why (kept in the audit trail)')
      .option('--challenger', 'run in shadow beside the champion')
      .option(
        '--traffic <share>',
        'challenger only: share of applicants (0–1, by a stable hash of the applicant) it decides live',
        (v) => Number(v),
      )
      .requiredOption('--as <email>', "the console user publishing it: a person other than the draft's author")
      .action(
        async (o: {
          tenant: string;
          flow: string;
          version: number;
          comment: string;
          challenger?: boolean;
          traffic?: number;
          as: string;
        }) => {
          await withPolicy(o.tenant, async (p, store) => {
            const role: FlowRole = o.challenger ? 'challenger' : 'champion';
            const actor = await actingAs(store, o.tenant, o.as);
            const changed = await p.publish(o.tenant, o.flow, o.version, actor, {
              role,
              comment: o.comment,
              ...(o.traffic !== undefined ? { traffic: o.traffic } : {}),
              onGate: (check) => {
                console.error(
                  `fairness gate (${check.mode}, threshold ${check.threshold}) over ${check.rows} decisions`,
                );
                for (const f of check.flagged)
                  console.error(
                    `  ⚠ ${f.dimension} ${f.group}: adverse impact ratio ${f.adverseImpactRatio} against ${f.reference}`,
                  );
              },
            });
            for (const r of changed)
              console.log(
                `${r.flowId}@${r.version}\t${r.status}${r.role ? `\t${r.role}` : ''}${r.trafficShare ? `\ttraffic ${r.trafficShare}` : ''}`,
              );
            console.error('running nodes pick the change up within a second');
          });
        },
      );
  addPublish(policy);
  addPublish(program.commands.find((c) => c.name() === 'flow') ?? program.command('flow'));

  policy
    .command('versions')
    .description('list the versions of a flow')
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--flow <flowId>')
    .action(async (o: { tenant: string; flow: string }) => {
      await withPolicy(o.tenant, async (p) => {
        for (const r of await p.versions(o.tenant, o.flow)) {
          console.log(
            [
              `${r.flowId}@${r.version}`,
              r.status,
              r.role ?? '',
              r.author,
              r.publishedAt ?? r.createdAt,
              r.comment,
            ].join('\t'),
          );
        }
      });
    });

  policy
    .command('fairness')
    .description(
      'show or change the fairness gate flows are published under: off, warn (publish, audit the groups under the ' +
        'threshold) or block (refuse); threshold = adverse impact ratio, 0.8 = four-fifths',
    )
    .requiredOption('--tenant <tenantId>')
    .option('--mode <mode>', 'off, warn or block')
    .option('--threshold <ratio>', 'in (0, 1]', (v) => Number(v))
    .option('--as <email>', 'the console user making the change (audited)')
    .action(async (o: { tenant: string; mode?: string; threshold?: number; as?: string }) => {
      await withPolicy(o.tenant, async (p, store) => {
        const settings =
          o.mode === undefined && o.threshold === undefined
            ? await p.fairnessSettings(o.tenant)
            : await p.setFairnessSettings(
                o.tenant,
                {
                  ...(o.mode !== undefined ? { mode: o.mode } : {}),
                  ...(o.threshold !== undefined ? { threshold: o.threshold } : {}),
                },
                await actingAs(store, o.tenant, o.as),
              );
        console.log(`mode ${settings.mode}\tthreshold ${settings.threshold}`);
      });
    });

  policy
    .command('shadow')
    .description('champion–challenger agreement over recent decisions')
    .requiredOption('--tenant <tenantId>')
    .option('--limit <n>', 'decisions to read', (v) => Number.parseInt(v, 10), 10_000)
    .action(async (o: { tenant: string; limit: number }) => {
      await withPolicy(o.tenant, async (p) => {
        const items = await p.shadowReport(o.tenant, { limit: o.limit });
        if (items.length === 0) console.error('no shadow results stored yet');
        for (const { challenger, comparison: c } of items) {
          console.log(
            `${challenger}: ${c.pairs} pairs, agreement ${(c.agreementRate * 100).toFixed(1)}%, ` +
              `challenger-only approvals ${c.challengerOnlyApprovals}, champion-only approvals ${c.championOnlyApprovals}`,
          );
        }
      });
    });

  policy
    .command('traffic')
    .description("change a live challenger's share of live traffic (0 = shadow only)")
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--flow <flowId>')
    .requiredOption('--version <n>', 'the challenger version', (v) => Number.parseInt(v, 10))
    .requiredOption('--share <share>', '0–1', (v) => Number(v))
    .requiredOption('--comment <text>', 'why (kept in the audit trail)')
    .requiredOption('--as <email>', 'the console user making the change')
    .action(
      async (o: { tenant: string; flow: string; version: number; share: number; comment: string; as: string }) => {
        await withPolicy(o.tenant, async (p, store) => {
          const actor = await actingAs(store, o.tenant, o.as);
          const r = await p.setTraffic(o.tenant, o.flow, o.version, o.share, actor, o.comment);
          console.log(`${r.flowId}@${r.version}\tchallenger\ttraffic ${r.trafficShare ?? 0}`);
        });
      },
    );

  policy
    .command('arms')
    .description('outcomes per arm of the live split: decisions, approval rate, bad rate of mature loans')
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--flow <flowId>')
    .option('--since <date>', 'decisions from this date (ISO 8601)')
    .action(async (o: { tenant: string; flow: string; since?: string }) => {
      await withPolicy(o.tenant, async (p) => {
        const since = o.since ? new Date(o.since) : undefined;
        if (since && Number.isNaN(since.getTime())) throw new ValidationError('--since is not a date', []);
        const items = await p.arms(o.tenant, o.flow, since ? { since } : {});
        if (items.length === 0) console.error('no decisions by this flow yet');
        const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
        console.log(['arm', 'flow', 'decisions', 'approval', 'loans', 'mature', 'bad', 'bad rate'].join('\t'));
        for (const a of items)
          console.log(
            [
              a.arm,
              a.flowVersion,
              a.decisions,
              pct(a.approvalRate),
              a.loans,
              a.matureLoans,
              a.bad,
              pct(a.badRate),
            ].join('\t'),
          );
      });
    });

  policy
    .command('list-create')
    .description('create a list of one identifier kind and colour')
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--name <name>')
    .requiredOption('--kind <kind>', 'nationalId, phone, deviceId, ip, card, email, employer')
    .requiredOption('--color <color>', 'black, white or grey')
    .option('--description <text>', '', '')
    .action(async (o: { tenant: string; name: string; kind: string; color: string; description: string }) => {
      await withPolicy(o.tenant, async (p) => {
        await p.createList(
          o.tenant,
          { name: o.name, kind: o.kind as never, color: o.color as never, description: o.description },
          cliActor(),
        );
        console.log(`✓ list ${o.name} (${o.color} ${o.kind})`);
      });
    });

  policy
    .command('list-import')
    .description('import a CSV (value|hash, reason, source, expires_at) into a list, all or nothing')
    .argument('<csv>')
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--list <name>')
    .option('--source <text>', 'source recorded on each entry (default import:<file>)')
    .option('--reason <text>', 'reason for rows without one')
    .action(async (file: string, o: { tenant: string; list: string; source?: string; reason?: string }) => {
      await withPolicy(o.tenant, async (p) => {
        const bar = new cliProgress.SingleBar({ stream: process.stderr }, cliProgress.Presets.shades_classic);
        bar.start(2, 0);
        const text = readFileSync(file, 'utf8');
        bar.update(1);
        try {
          const r = await p.importCsv(o.tenant, o.list, text, cliActor(), {
            source: o.source ?? `import:${file.split('/').pop()}`,
            ...(o.reason ? { defaultReason: o.reason } : {}),
          });
          bar.update(2);
          bar.stop();
          console.log(`✓ ${r.imported} entries imported into ${o.list} (hashed; clear values not kept)`);
        } finally {
          bar.stop();
        }
      });
    });
}
