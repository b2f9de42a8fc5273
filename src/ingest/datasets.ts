/**
 * Registering a modelling data set (a public credit file or an in-house extract) for the model workbench: the file
 * is read once through the workbench's own reader — so a target with one class or a broken row fails here, named —
 * and its shape, bad rate and SHA-256 fingerprint are recorded. The file itself stays where it is.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { readLabelledDataset } from '../models/index.js';
import type { Store } from '../store/index.js';

export interface DatasetRegistration {
  name: string;
  path: string;
  target: string;
  rows: number;
  columns: { name: string; kind: 'numeric' | 'categorical' }[];
  badRate: number;
  sha256: string;
  warnings: string[];
}

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function registerDataset(
  store: Store,
  tenantId: string,
  options: { file: string; target: string; bad?: string; drop?: string[]; name?: string },
): Promise<DatasetRegistration> {
  const labelled = readLabelledDataset(options.file, { target: options.target, bad: options.bad, drop: options.drop });
  const bad = labelled.y.reduce((s, v) => s + v, 0);
  const registration: DatasetRegistration = {
    name: options.name ?? basename(options.file).replace(/\.[^.]+$/, ''),
    path: options.file,
    target: options.target,
    rows: labelled.data.rows,
    columns: labelled.data.columns.map((c) => ({ name: c.name, kind: c.kind })),
    badRate: labelled.data.rows ? bad / labelled.data.rows : 0,
    sha256: await fileSha256(options.file),
    warnings: labelled.warnings,
  };
  await store.tenants.ensure(tenantId);
  await store.db.query(
    `insert into datasets (tenant_id, name, path, target, rows, columns, bad_rate, sha256) values ($1,$2,$3,$4,$5,$6,$7,$8)
     on conflict (tenant_id, name) do update set path = excluded.path, target = excluded.target, rows = excluded.rows,
       columns = excluded.columns, bad_rate = excluded.bad_rate, sha256 = excluded.sha256, registered_at = now()`,
    [
      tenantId,
      registration.name,
      registration.path,
      registration.target,
      registration.rows,
      JSON.stringify(registration.columns),
      registration.badRate,
      registration.sha256,
    ],
  );
  return registration;
}
