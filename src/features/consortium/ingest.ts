/**
 * Ingestion of member events (from the API route or a CSV file): validate, hash identifiers with the consortium
 * key, drop the clear values, store, and keep the online index current. Logs carry counts and field names only.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { FieldIssue } from '../../core/errors.js';
import type { EventIndex } from './event-index.js';
import { toConsortiumEvent, type ConsortiumEvent, type ConsortiumEventInput } from './events.js';
import type { ConsortiumAudit, ConsortiumRepository } from './repository.js';

/** The slice of a pino logger ingestion uses. */
export interface IngestLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface IngestOptions {
  consortiumKey: Buffer;
  /** When set, every submitted event must belong to this member (an API caller may only speak for itself). */
  institutionId?: string;
  index?: EventIndex;
  logger?: IngestLogger;
  /** Who shares (API caller or operator): each stored batch is an entry in that tenant's audit chain. */
  audit?: ConsortiumAudit;
  /**
   * Each batch's newly stored events, once stored (e.g. post-loan monitoring of the borrowers they are about). A
   * failure fails the ingestion after the events are stored: a retry stores nothing twice and hands them on again.
   */
  onStored?: (events: ConsortiumEvent[]) => Promise<unknown>;
}

export interface IngestResult {
  received: number;
  stored: number;
  duplicates: number;
  rejected: number;
  issues: FieldIssue[];
}

const MAX_ISSUES = 100;

export async function ingestConsortiumEvents(
  repo: ConsortiumRepository,
  inputs: Iterable<ConsortiumEventInput>,
  options: IngestOptions,
  pathPrefix = '',
  firstRow = 0,
): Promise<IngestResult> {
  const events: ConsortiumEvent[] = [];
  const issues: FieldIssue[] = [];
  let received = 0;
  let rejected = 0;
  for (const input of inputs) {
    const path = `${pathPrefix}/${firstRow + received++}`;
    if (options.institutionId !== undefined && input.institutionId !== options.institutionId) {
      rejected++;
      if (issues.length < MAX_ISSUES)
        issues.push({ path: `${path}/institutionId`, message: 'must be your own institution' });
      continue;
    }
    const r = toConsortiumEvent(input, options.consortiumKey, path);
    if ('issues' in r) {
      rejected++;
      for (const i of r.issues) if (issues.length < MAX_ISSUES) issues.push(i);
      continue;
    }
    events.push(r.event);
  }
  const added = await repo.append(events, options.audit);
  // the index mirrors the store: only events the store did not already hold
  if (options.index) for (const e of added) options.index.add(e);
  if (options.onStored && added.length > 0) await options.onStored(added);
  const stored = added.length;
  const result = { received, stored, duplicates: events.length - stored, rejected, issues };
  options.logger?.info(
    {
      received,
      stored,
      duplicates: result.duplicates,
      rejected,
      fields: [...new Set(issues.map((i) => i.path.split('/').pop()))],
    },
    'consortium events ingested',
  );
  return result;
}

/** Columns of a consortium CSV: those of ConsortiumEventInput (clear `nationalId`/`phone` or `idHash`/`phoneHash`). */
export async function ingestConsortiumCsv(
  repo: ConsortiumRepository,
  file: string,
  options: IngestOptions & { batchSize?: number; onProgress?: (rows: number) => void },
): Promise<IngestResult> {
  const total: IngestResult = { received: 0, stored: 0, duplicates: 0, rejected: 0, issues: [] };
  const parser = createReadStream(file).pipe(parse({ columns: true, skip_empty_lines: true, trim: true }));
  let batch: ConsortiumEventInput[] = [];
  const flush = async () => {
    const r = await ingestConsortiumEvents(repo, batch, { ...options, logger: undefined }, '/rows', total.received);
    total.received += r.received;
    total.stored += r.stored;
    total.duplicates += r.duplicates;
    total.rejected += r.rejected;
    for (const i of r.issues) if (total.issues.length < MAX_ISSUES) total.issues.push(i);
    batch = [];
    options.onProgress?.(total.received);
  };
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    batch.push(row as unknown as ConsortiumEventInput);
    if (batch.length >= (options.batchSize ?? 5_000)) await flush();
  }
  if (batch.length > 0) await flush();
  options.logger?.info(
    { file: file.split('/').pop(), received: total.received, stored: total.stored, rejected: total.rejected },
    'consortium file ingested',
  );
  return total;
}
