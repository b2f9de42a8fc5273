/**
 * Rings over any CSV: an id column and link columns in, one row per input row out (`id, ringId, ringSize,
 * graphScore`). Link values are keyed-hashed with a key that lives only for this run; nothing else is kept.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { ValidationError } from '../core/errors.js';
import { neutraliseFormula } from '../core/csv.js';
import { AssociationGraph, type GraphLink } from './association-graph.js';
import type { IdentifierKind } from '../core/identifiers.js';
import { DEFAULT_CONTEXT_KINDS } from './kinds.js';
import { columnLink, graphKind, identifierLink, isIdentifierKind } from './links.js';
import { computeGraphPageRank, graphFraudScore } from './pagerank.js';
import { detectRings, type Ring } from './rings.js';
import { applyLinkRoles, learnLinkRoles, type KindRole } from './link-roles.js';

export interface CsvRingsOptions {
  data: string;
  id: string;
  /** Link columns, each optionally `column:kind` with an identifier kind (phone, contactPhone, deviceId, ip …). */
  links: string[];
  label?: string;
  out: string;
  /** Optional JSON file for the ring list (members, shared entity kinds, bad rate). */
  ringsOut?: string;
  minIdentities?: number;
  hubThreshold?: number;
  /** Link columns (or kinds) that never merge rings, whatever the data says. */
  contextLinks?: string[];
  /** Learn which link columns are weak from the data (link-roles.ts; default on). */
  learnRoles?: boolean;
  /** The rule's knob: corroboration rate below which a column is weak (default 0.25). */
  minCorroboration?: number;
  onProgress?: (rows: number) => void;
}

export interface CsvRingsSummary {
  rows: number;
  applications: number;
  rings: number;
  ringMembers: number;
  seeds: number;
  /** Link kinds used as context only (given, or learned weak), with the measurements behind the learned ones. */
  contextLinks: string[];
  roles: KindRole[];
}

const TRUE_LABELS = new Set(['1', 'true', 'yes', 'y', 'bad', 'fraud', 't']);

interface LinkColumn {
  column: string;
  kind: string | null;
}

export function parseLinkSpec(spec: string[]): LinkColumn[] {
  return spec
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [column, kind] = s.split(':');
      if (kind && !isIdentifierKind(kind)) {
        throw new ValidationError('unknown identifier kind', [
          { path: s, message: 'kind must be an identifier kind (nationalId, phone, contactPhone, deviceId, ip, …)' },
        ]);
      }
      return { column: column!, kind: kind ?? null };
    });
}

export async function ringsFromCsv(options: CsvRingsOptions): Promise<CsvRingsSummary> {
  const key = randomBytes(32);
  const linkColumns = parseLinkSpec(options.links);
  // A column declared with its identifier kind takes that kind's role (an IP /24, an address or an employer phone
  // is context; a phone or a device is strong); an undeclared column's role is learned from the data (below).
  const declared = linkColumns.filter((l) => l.kind).map((l) => graphKind(l.kind as IdentifierKind));
  const contextKinds = [...(options.contextLinks ?? []), ...declared.filter((k) => DEFAULT_CONTEXT_KINDS.includes(k))];
  const strongKinds = declared.filter((k) => !contextKinds.includes(k));
  const graph = new AssociationGraph({
    contextKinds,
    hubThresholds: options.hubThreshold
      ? Object.fromEntries(linkColumns.map((l) => [l.kind ?? l.column, options.hubThreshold!]))
      : {},
    ...(options.hubThreshold ? { hubThreshold: options.hubThreshold } : {}),
  });
  const rowNodes: number[] = [];
  const rowIds: string[] = [];
  let seeds = 0;
  const parser = createReadStream(options.data).pipe(parse({ columns: true, skip_empty_lines: true, bom: true }));
  let checked = false;
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    if (!checked) {
      const missing = [
        options.id,
        ...linkColumns.map((l) => l.column),
        ...(options.label ? [options.label] : []),
      ].filter((c) => !(c in record));
      if (missing.length) {
        parser.destroy();
        throw new ValidationError(
          'columns not found in the CSV header',
          missing.map((c) => ({ path: c, message: 'no such column' })),
        );
      }
      checked = true;
    }
    const links: GraphLink[] = [];
    for (const l of linkColumns) {
      const value = record[l.column] ?? '';
      const link =
        l.kind && isIdentifierKind(l.kind) ? identifierLink(key, l.kind, value) : columnLink(key, l.column, value);
      if (link) links.push(link);
    }
    const id = record[options.id] ?? '';
    const bad = options.label ? TRUE_LABELS.has((record[options.label] ?? '').trim().toLowerCase()) : false;
    if (bad) seeds++;
    rowNodes.push(graph.addApplication({ applicationId: id, links, bad }));
    rowIds.push(id);
    if (options.onProgress && rowNodes.length % 5000 === 0) options.onProgress(rowNodes.length);
  }
  options.onProgress?.(rowNodes.length);

  const roles =
    options.learnRoles === false
      ? []
      : learnLinkRoles(graph, {
          keep: [graph.identityKind, ...strongKinds, ...contextKinds],
          ...(options.minCorroboration !== undefined ? { minCorroboration: options.minCorroboration } : {}),
        });
  const learned = applyLinkRoles(graph, roles);
  const { rings, ringOf } = detectRings(graph, {
    minIdentities: options.minIdentities,
    // with one link column there is only one kind of evidence to have
    minEvidenceKinds: Math.min(2, new Set(linkColumns.map((l) => l.kind ?? l.column)).size),
  });
  if (options.label) computeGraphPageRank(graph);

  const out = stringify({ header: true, columns: ['id', 'ringId', 'ringSize', 'graphScore'] });
  const file = createWriteStream(options.out);
  out.pipe(file);
  let members = 0;
  for (let i = 0; i < rowNodes.length; i++) {
    const node = rowNodes[i]!;
    const r = ringOf[node]!;
    const ring: Ring | undefined = r >= 0 ? rings[r] : undefined;
    if (ring) members++;
    const score = options.label ? graphFraudScore(graph, node) : (ring?.score ?? 0);
    if (!out.write([neutraliseFormula(rowIds[i]!), ring ? `R${ring.ringId}` : '', ring?.size ?? 0, score.toFixed(6)]))
      await once(out, 'drain');
  }
  out.end();
  await once(file, 'finish');
  if (options.ringsOut) {
    writeFileSync(
      options.ringsOut,
      JSON.stringify(
        rings.map((r) => ({ ...r, ringId: `R${r.ringId}` })),
        null,
        2,
      ),
    );
  }
  return {
    rows: rowNodes.length,
    applications: graph.applicationCount,
    rings: rings.length,
    ringMembers: members,
    seeds,
    contextLinks: [...new Set([...contextKinds, ...learned])],
    roles,
  };
}
