/**
 * A node with the starter program live, as the first start leaves it but on a small book: the demo's history decided
 * by the live pipeline, the starter program trained on it and approved by two people, its last months decided by
 * it (the same steps as test/support/small-demo.ts). For the decision bench's `in-process-starter` case.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { createKeyRing } from '../../src/core/index.js';
import { decisionCatalog } from '../../src/catalog/index.js';
import { ensureDemoPeople, loadDemoBook } from '../../src/demo/index.js';
import { applyProgram, readProgram, starterProgramDir } from '../../src/programs/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';

export async function startStarterNode(
  applications: number,
): Promise<{ node: RunningNode; keyRing: ReturnType<typeof createKeyRing>; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-bench-starter-'));
  const config = loadConfig({ RISKLOOP_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn' });
  const node = await startNode(config, { listen: false });
  const close = async () => {
    await node.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const people = await ensureDemoPeople(node.store, 'demo');
    const program = readProgram(starterProgramDir());
    // floors for a book of a few thousand applications
    program.manifest.training = { ...program.manifest.training, minRows: 100, minBads: 3 };
    let applied = false;
    await loadDemoBook({
      store: node.store,
      keyRing: createKeyRing(config.masterKey),
      consortiumKey: config.consortiumKey,
      decisions: node.decisions,
      dataDir: dir,
      applications,
      seed: 7,
      program: async (asOf) => {
        await applyProgram({
          store: node.store,
          tenantId: 'demo',
          catalog: decisionCatalog(),
          policy: node.policy,
          triggers: node.monitoring.triggers,
          refreshModels: () => node.models.refresh('demo'),
          program,
          ...people,
          asOf,
        });
        applied = true;
      },
    });
    if (!applied) throw new Error('the starter program was not put live on the bench book');
    return { node, keyRing: createKeyRing(config.masterKey), close };
  } catch (err) {
    await close();
    throw err;
  }
}
