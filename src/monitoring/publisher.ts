/**
 * Publishing monitoring events from outside a running node (the CLI's file imports): to the JetStream stream, on
 * the partition the nodes consume, or to the store's outbox, where the node handles them when it starts or at its
 * next event. Same subjects and ids as the runtime's publish, so nothing is counted twice.
 */
import type { Store } from '../store/index.js';
import { createJetStreamBus } from './events/jetstream-bus.js';
import { MONITORING_PARTITIONS } from './events/partition.js';
import type { MonitoringEvent } from './events/schemas.js';
import { createSqlEventLog } from './sql.js';

/** The subjects a stream's events go to: `<stream in lower case>.events.…`. */
export const natsSubjectPrefix = (stream: string) => `${stream.toLowerCase()}.events`;

export interface MonitoringPublisher {
  publish(tenantId: string, events: MonitoringEvent[]): Promise<void>;
  close(): Promise<void>;
}

export async function openMonitoringPublisher(options: {
  store: Store;
  nats?: { servers: string; stream: string; partitions?: number };
}): Promise<MonitoringPublisher> {
  if (options.nats) {
    const bus = await createJetStreamBus({
      servers: options.nats.servers,
      stream: options.nats.stream,
      subjectPrefix: natsSubjectPrefix(options.nats.stream),
      partitions: options.nats.partitions ?? MONITORING_PARTITIONS,
    });
    return {
      async publish(_tenantId, events) {
        for (const e of events) await bus.publish(e);
      },
      close: () => bus.close(),
    };
  }
  return {
    async publish(tenantId, events) {
      const log = createSqlEventLog(options.store.db, tenantId);
      for (const e of events) await log.append(e);
    },
    close: async () => undefined,
  };
}
