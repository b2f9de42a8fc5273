/**
 * A node on a small generated demo book, the loop run as the first start runs it: the first nine months decided by
 * the live pipeline, the starter program trained on them out of time and put live by two people, the last three
 * months decided by it. For the program tests (apply, retrain) that need the demo's real state, not an empty node.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { createKeyRing } from '../../src/core/index.js';
import { decisionCatalog } from '../../src/catalog/index.js';
import { demoTruth, ensureDemoPeople, loadDemoBook } from '../../src/demo/index.js';
import {
  applyProgram,
  readProgram,
  starterProgramDir,
  type BehaviourSources,
  type ProgramProposal,
  type RiskProgram,
} from '../../src/programs/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';

/** The starter program with floors for a book of a couple of thousand applications. */
export function smallBookProgram(): RiskProgram {
  const p = readProgram(starterProgramDir());
  p.manifest.training = { ...p.manifest.training, minRows: 100, minBads: 3 };
  return p;
}

export interface SmallDemo {
  dir: string;
  node: RunningNode;
  people: Awaited<ReturnType<typeof ensureDemoPeople>>;
  /** The program the first start put live (undefined if the book never reached its out-of-time months). */
  applied: ProgramProposal | undefined;
  /** What the program use cases need of the node. */
  parts(): {
    store: RunningNode['store'];
    tenantId: string;
    catalog: ReturnType<typeof decisionCatalog>;
    policy: RunningNode['policy'];
    triggers: RunningNode['monitoring']['triggers'];
    refreshModels: () => Promise<void>;
    behaviour: BehaviourSources;
  };
  close(): Promise<void>;
}

export async function startSmallDemo(name: string, seed: number): Promise<SmallDemo> {
  const dir = mkdtempSync(join(tmpdir(), `riskloop-${name}-`));
  const config = loadConfig({ RISKLOOP_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn' });
  const node = await startNode(config, { listen: false });
  const people = await ensureDemoPeople(node.store, 'demo');
  const keyRing = createKeyRing(config.masterKey);
  const demo: SmallDemo = {
    dir,
    node,
    people,
    applied: undefined,
    parts: () => ({
      store: node.store,
      tenantId: 'demo',
      catalog: decisionCatalog(),
      policy: node.policy,
      triggers: node.monitoring.triggers,
      refreshModels: () => node.models.refresh('demo'),
      behaviour: { consortium: { id: config.consortium.id, key: config.consortiumKey, sealer: keyRing.sealer } },
    }),
    async close() {
      await node.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await loadDemoBook({
    store: node.store,
    keyRing,
    consortiumKey: config.consortiumKey,
    decisions: node.decisions,
    dataDir: dir,
    applications: 1_600,
    seed,
    program: async (asOf) => {
      // as the first start does: the book's truth measures the scorecard through the door in its report
      const truth = demoTruth(dir);
      demo.applied = await applyProgram({
        ...demo.parts(),
        program: smallBookProgram(),
        ...people,
        asOf,
        ...(truth ? { truth } : {}),
      });
    },
  });
  return demo;
}
