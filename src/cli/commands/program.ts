/**
 * `riskloop program validate|apply|propose|approve|proposals`, `riskloop retrain` and `riskloop demo report`: risk
 * programs against
 * the store directly (like `riskloop policy`). Four eyes: `apply` names two console users (--author, --approver);
 * `propose` and `approve` are the same two steps one person at a time. A running node picks the published flow up
 * on the change feed's signal within a second (at once when applied through its API).
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../config/index.js';
import { createKeyRing, RiskloopError, ValidationError, type Actor } from '../../core/index.js';
import { demoReport, type DemoReport } from '../../demo/index.js';
import { createModelRegistry, createRegistryScorer, type RegistryScorer } from '../../models/index.js';
import {
  createSqlTriggerHistory,
  createSqlTriggerSetRepository,
  createTriggerSets,
  TriggerSetValidationError,
} from '../../monitoring/index.js';
import {
  applyProgram,
  approveProgram,
  programProblems,
  programProposals,
  proposeProgram,
  readProgram,
  retrainModel,
  starterProgramDir,
  type ProgramProposal,
  type RetrainResult,
} from '../../programs/index.js';
import { createPolicyRuntime, createPolicyService, policyRepositories } from '../../rules-store/index.js';
import { decisionCatalog } from '../../catalog/index.js';
import { openStore, type Store } from '../../store/index.js';
import { actorNamed } from '../../users/index.js';
import { asOfOption } from '../options.js';

function fail(err: unknown): void {
  if (err instanceof TriggerSetValidationError || err instanceof ValidationError) {
    console.error(`✗ ${err.message}`);
    for (const i of err.issues) console.error(`  ${i.path}: ${i.message}`);
  } else if (err instanceof RiskloopError) console.error(`✗ ${err.message}`);
  else throw err;
  process.exitCode = 1;
}

async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore(loadConfig().store);
  try {
    await fn(store);
  } catch (err) {
    fail(err);
  } finally {
    await store.close();
  }
}

/** The policy service, trigger sets and model scorer a program is put live with, over the store. */
async function parts(store: Store, tenantId: string) {
  const config = loadConfig();
  const registry = createModelRegistry(store.db);
  let scorer: RegistryScorer = await createRegistryScorer(registry, tenantId);
  const runtime = createPolicyRuntime({
    repos: policyRepositories(store.db),
    keyRing: createKeyRing(config.masterKey),
    catalog: decisionCatalog(),
    models: (t) => (t === tenantId ? scorer : null),
  });
  await runtime.reloadLists(tenantId);
  return {
    store,
    tenantId,
    catalog: decisionCatalog(),
    registry,
    policy: createPolicyService({ store, runtime }),
    triggers: createTriggerSets({
      repo: createSqlTriggerSetRepository(store.db),
      history: createSqlTriggerHistory(store.db),
    }),
    refreshModels: async () => {
      scorer = await createRegistryScorer(registry, tenantId);
    },
    // a behaviour model's sample reads the consortium's shared events as live monitoring receives them
    behaviour: {
      consortium: {
        id: config.consortium.id,
        key: config.consortiumKey,
        sealer: createKeyRing(config.masterKey).sealer,
      },
    },
  };
}

async function person(store: Store, tenantId: string, email: string, flag: string): Promise<Actor> {
  const actor = await actorNamed(store.db, tenantId, email);
  if (actor.human === null)
    throw new ValidationError(`${flag} must name a console user of tenant ${tenantId}`, [
      { path: flag, message: 'no such user (riskloop users create …)' },
    ]);
  return actor;
}

function printProposal(p: ProgramProposal): void {
  console.log(`${p.status === 'applied' ? '✓' : '…'} ${p.program}@${p.version} proposal ${p.proposalId} (${p.status})`);
  console.log(`  trained on the history decided before ${p.asOf}`);
  for (const m of p.models) {
    const x = m.metrics;
    console.log(
      `  model ${m.name}@${m.version} (${m.kind}): out-of-time AUC ${(x.auc ?? 0).toFixed(3)} on ${x.rowsOutOfTime} loans ` +
        `from ${m.outOfTimeFrom} (train AUC ${(x.aucTrain ?? 0).toFixed(3)} on ${x.rowsTrain}, ${x.badsTrain} bad)`,
    );
  }
  for (const [k, v] of Object.entries(p.cutoffs)) console.log(`  cut-off ${k} = ${v.toFixed(1)}`);
  if (p.flow) console.log(`  flow ${p.flow.flowId}@${p.flow.version} published as champion`);
  if (p.triggers) console.log(`  triggers version ${p.triggers.version}${p.status === 'applied' ? ' published' : ''}`);
}

function printRetrain(r: RetrainResult): void {
  const c = r.comparison;
  const ch = r.challenger;
  console.log(`✓ ${ch.name}@${ch.version} registered (${ch.status}: pending approval by another person)`);
  console.log(`  trained on ${r.trainedOn.rows} loans (${r.trainedOn.bads} bad) decided before ${c.outOfTimeFrom}`);
  console.log(`  out of time: ${c.rows} loans from ${c.outOfTimeFrom} (${c.bads} bad), scored by both models`);
  const row = (who: string, m: { auc: number; ks: number; psi: number }) =>
    console.log(`  ${who.padEnd(28)} AUC ${m.auc.toFixed(3)}  KS ${m.ks.toFixed(3)}  PSI ${m.psi.toFixed(3)}`);
  row(`challenger ${ch.name}@${ch.version}`, c.challenger);
  if (c.champion) row(`champion ${ch.name}@${c.champion.version}`, c.champion);
  else console.log('  no approved version to compare with');
  if (c.delta)
    console.log(
      `  challenger − champion: AUC ${c.delta.auc >= 0 ? '+' : ''}${c.delta.auc.toFixed(3)}, ` +
        `KS ${c.delta.ks >= 0 ? '+' : ''}${c.delta.ks.toFixed(3)}`,
    );
  console.log(`  next: riskloop model approve --name ${ch.name} --version ${ch.version} --approver <another person>`);
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

export function printDemoReport(r: DemoReport): void {
  console.log(`Demo book, out-of-time months from ${r.outOfTimeFrom.slice(0, 10)}: ${r.decisions} live decisions`);
  console.log(
    `  approved ${pct(r.approvalRate)}, review ${pct(r.reviewRate)}, declined ${pct(r.declineRate)}; ` +
      `with a score ${r.withScore}, with model versions ${r.withModelVersions}`,
  );
  console.log(`  fraud held back: ${r.fraud.heldBack} of ${r.fraud.total} (${pct(r.fraud.rate)})`);
  for (const [type, b] of Object.entries(r.fraudByType))
    console.log(`    ${type.padEnd(15)} ${b.heldBack} of ${b.total} (${pct(b.rate)})`);
  console.log(`  good applicants held back: ${r.good.heldBack} of ${r.good.total} (${pct(r.good.rate)})`);
  console.log(
    `  bad rate of the approved ${pct(r.approvedBadRate)} vs the whole book ${pct(r.bookBadRate)} ` +
      `(${r.badRateRatio.toFixed(2)}×)`,
  );
  for (const t of r.targets)
    console.log(
      `  ${t.met ? '✓' : '✗'} ${t.name}: ${t.name.includes('vs') ? `${t.value.toFixed(2)}×` : pct(t.value)} (target ${t.target})`,
    );
  const s = r.scorecardThroughTheDoor;
  const a = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
  if (s)
    console.log(
      `  ${s.model} through the door (${s.applications} applications of its held-out months, ${s.declined} declined): ` +
        `AUC ${a(s.auc)} with reject inference (${s.method}, ${s.rejects} rejects), ${a(s.aucWithout)} without; ` +
        `the declined alone ${a(s.declinedAuc)} / ${a(s.declinedAucWithout)}`,
    );
}

export function register(program: Command): void {
  const cmd = program
    .command('program')
    .description('risk programs as files: validate, train on your own history, approve by four eyes, publish');

  cmd
    .command('validate')
    .description('check a program directory (default: the starter program) without training')
    .argument('[dir]', 'directory with program.yaml')
    .action((dir: string | undefined) => {
      try {
        const p = readProgram(dir ?? starterProgramDir());
        const problems = programProblems(p, decisionCatalog());
        if (problems.length === 0) {
          console.log(
            `✓ ${p.manifest.name}@${p.manifest.version}: flow, ${p.manifest.models.length} models, lists, triggers`,
          );
          return;
        }
        console.error(`✗ ${problems.length} problem(s):`);
        for (const i of problems) console.error(`  ${i.path}: ${i.message}`);
        process.exitCode = 1;
      } catch (err) {
        fail(err);
      }
    });

  const progressBar = () => {
    const bar = new cliProgress.SingleBar({ format: '  {stage}', stream: process.stderr }, cliProgress.Presets.legacy);
    return {
      start: () => bar.start(1, 0, { stage: '' }),
      stage: (s: string) => bar.update(0, { stage: s }),
      stop: () => bar.stop(),
    };
  };

  cmd
    .command('apply')
    .description('validate, train out of time, register, approve (second person) and publish, in one go')
    .argument('[dir]', 'directory with program.yaml (default: the starter program)')
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--author <email>', 'console user who proposes (registers the models, writes the flow)')
    .requiredOption('--approver <email>', 'another console user, who approves and publishes')
    .option('--as-of <date>', 'train on what was decided and known before this date (default now)')
    .action(async (dir: string | undefined, o: { tenant: string; author: string; approver: string; asOf?: string }) => {
      await withStore(async (store) => {
        const bar = progressBar();
        bar.start();
        try {
          const p = await applyProgram({
            ...(await parts(store, o.tenant)),
            program: readProgram(dir ?? starterProgramDir()),
            author: await person(store, o.tenant, o.author, '--author'),
            approver: await person(store, o.tenant, o.approver, '--approver'),
            ...asOfOption(o.asOf),
            onStage: bar.stage,
          });
          bar.stop();
          printProposal(p);
        } finally {
          bar.stop();
        }
      });
    });

  cmd
    .command('propose')
    .description("the author's step: validate, train out of time, register the models, draft; nothing goes live")
    .argument('[dir]', 'directory with program.yaml (default: the starter program)')
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--as <email>', 'console user proposing it')
    .option('--as-of <date>', 'train on what was decided and known before this date (default now)')
    .action(async (dir: string | undefined, o: { tenant: string; as: string; asOf?: string }) => {
      await withStore(async (store) => {
        printProposal(
          await proposeProgram({
            ...(await parts(store, o.tenant)),
            program: readProgram(dir ?? starterProgramDir()),
            author: await person(store, o.tenant, o.as, '--as'),
            ...asOfOption(o.asOf),
          }),
        );
      });
    });

  cmd
    .command('approve')
    .description('the second person: approve the models, publish the flow and the triggers')
    .argument('<proposalId>')
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--as <email>', 'console user approving it (not the author)')
    .action(async (proposalId: string, o: { tenant: string; as: string }) => {
      await withStore(async (store) => {
        printProposal(
          await approveProgram({
            ...(await parts(store, o.tenant)),
            proposalId,
            approver: await person(store, o.tenant, o.as, '--as'),
          }),
        );
      });
    });

  cmd
    .command('proposals')
    .description('the tenant’s program proposals, newest first')
    .requiredOption('--tenant <tenantId>')
    .option('--json', 'machine output')
    .action(async (o: { tenant: string; json?: boolean }) => {
      await withStore(async (store) => {
        const list = await programProposals(store, o.tenant);
        if (o.json) console.log(JSON.stringify(list, null, 2));
        else for (const p of list) printProposal(p);
      });
    });

  program
    .command('retrain')
    .description(
      'fit a challenger for a program model on the outcomes that came back, compare it with the champion out of ' +
        'time and register it for approval (never approves it)',
    )
    .argument('<model>', 'a model of the program, e.g. starter-scorecard or starter-fraud')
    .argument('[dir]', 'directory with program.yaml (default: the starter program)')
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--as <email>', 'console user registering the challenger (another person approves it)')
    .option('--as-of <date>', 'train on what was decided and known before this date (default now)')
    .option('--json', 'machine output')
    .action(
      async (
        model: string,
        dir: string | undefined,
        o: { tenant: string; as: string; asOf?: string; json?: boolean },
      ) => {
        await withStore(async (store) => {
          const p = await parts(store, o.tenant);
          const r = await retrainModel({
            store,
            tenantId: o.tenant,
            catalog: p.catalog,
            policy: p.policy,
            registry: p.registry,
            behaviour: p.behaviour,
            program: readProgram(dir ?? starterProgramDir()),
            model,
            author: await person(store, o.tenant, o.as, '--as'),
            ...asOfOption(o.asOf),
          });
          if (o.json) console.log(JSON.stringify(r, null, 2));
          else printRetrain(r);
        });
      },
    );

  program
    .command('demo')
    .description('the demo book')
    .command('report')
    .description("the starter program's live decisions on the out-of-time months against the demo book's truth")
    .option('--tenant <tenantId>', 'the demo tenant', 'demo')
    .option('--json', 'machine output')
    .action(async (o: { tenant: string; json?: boolean }) => {
      await withStore(async (store) => {
        const r = await demoReport(store, o.tenant, loadConfig().dataDir);
        if (o.json) console.log(JSON.stringify(r, null, 2));
        else printDemoReport(r);
      });
    });
}
