/**
 * One consumer process of the `ingest-workers` case: it owns some partitions of the event stream and runs one
 * monitor per partition, as a node does. It receives its events as JSON lines (what a broker hands over), waits for
 * the start signal, then parses, checks and applies them, and reports its count, alerts and time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  compileTriggers,
  createMonitor,
  DEFAULT_TRIGGERS,
  parseMonitoringEvent,
  partitionOf,
  type Monitor,
} from '../../src/monitoring/index.js';

const { partitions } = workerData as { partitions: number };
const port = parentPort!;
const triggers = compileTriggers(DEFAULT_TRIGGERS);
let lines: string[] = [];

port.on('message', (m: { kind: 'load'; bytes: ArrayBuffer } | { kind: 'start' }) => {
  if (m.kind === 'load') {
    lines = new TextDecoder().decode(m.bytes).split('\n');
    port.postMessage({ kind: 'loaded' });
    return;
  }
  // fresh state per run (each run's events are a new stream), one monitor per partition
  const monitors = new Map<number, Monitor>();
  const t = performance.now();
  let alerts = 0;
  for (const line of lines) {
    const e = parseMonitoringEvent(JSON.parse(line));
    const k = partitionOf(e.tenantId, e.borrowerId, partitions);
    let monitor = monitors.get(k);
    if (!monitor) monitors.set(k, (monitor = createMonitor({ triggers })));
    alerts += monitor.handle(e).alerts.length;
  }
  port.postMessage({
    kind: 'done',
    events: lines.length,
    alerts,
    ms: performance.now() - t,
  });
});
