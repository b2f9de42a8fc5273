/**
 * The OpenAPI document a node serves at /docs/json, read from a node started on a throw-away embedded store with
 * every capability registered. The environment is ignored on purpose: the document (and the client generated from
 * it, clients/typescript) must not depend on who produced it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/index.js';
import { startNode } from './start.js';

export async function servedOpenApi(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-openapi-'));
  try {
    const node = await startNode(loadConfig({ RISKLOOP_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn' }), {
      listen: false,
    });
    try {
      await node.app.ready();
      return node.app.swagger() as unknown as Record<string, unknown>;
    } finally {
      await node.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
