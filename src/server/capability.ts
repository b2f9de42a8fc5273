/**
 * One fastify plugin per capability: its route groups, each registered under its own path prefix, and the
 * capability's runtime shut down by the plugin's onClose hook — after in-flight requests finish, before the shared
 * engines (store, Redis) the composition root closes last.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';

export interface RouteGroup {
  /** Path prefix of every route in the group, e.g. `/v1/models` (routes are written relative to it). */
  prefix: string;
  routes: FastifyPluginAsync;
}

export interface Capability {
  /** For logs and errors: `models`, `policy`, … */
  name: string;
  groups: readonly RouteGroup[];
  /** Stops the capability's runtime (drains work, unsubscribes from the change feed); run once on close. */
  close?: () => Promise<void>;
}

export function capabilityPlugin(capability: Capability): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    for (const group of capability.groups) await app.register(group.routes, { prefix: group.prefix });
    const close = capability.close;
    if (close) app.addHook('onClose', async () => close());
  };
}

/** Registers each capability in turn (their onClose hooks run in reverse order: the last registered closes first). */
export async function registerCapabilities(app: FastifyInstance, capabilities: readonly Capability[]): Promise<void> {
  const names = new Set<string>();
  for (const c of capabilities) {
    if (names.has(c.name)) throw new Error(`capability ${c.name} registered twice`);
    names.add(c.name);
    await app.register(capabilityPlugin(c));
  }
}
