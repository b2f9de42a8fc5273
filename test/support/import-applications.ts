/**
 * Imports applications the way `riskloop import applications` does (a CSV through importFile), so a test holds
 * history that was never decided on this node.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Application, KeyRing } from '../../src/core/index.js';
import { csvCell, importFile, type ImportSummary } from '../../src/ingest/index.js';
import type { Store } from '../../src/store/index.js';

const COLUMNS: [string, (a: Application) => unknown][] = [
  ['applicationId', (a) => a.applicationId],
  ['product', (a) => a.product],
  ['amount', (a) => a.amount],
  ['term', (a) => a.term],
  ['channel', (a) => a.channel],
  ['submittedAt', (a) => a.submittedAt],
  ['declaredIncome', (a) => a.declaredIncome],
  ['nationalId', (a) => a.applicant.nationalId],
  ['name', (a) => a.applicant.name],
  ['dateOfBirth', (a) => a.applicant.dateOfBirth],
  ['phone', (a) => a.applicant.phone],
  ['email', (a) => a.applicant.email],
  ['bankCard', (a) => a.applicant.bankCard],
  ['addressLine', (a) => a.applicant.address?.line],
  ['employerPhone', (a) => a.applicant.employment?.employerPhone],
  ['contactPhone', (a) => a.applicant.emergencyContacts?.[0]?.phone],
  ['deviceId', (a) => a.device?.deviceId],
  ['platform', (a) => a.device?.platform],
  ['ip', (a) => a.ip],
];

export async function importApplications(
  store: Store,
  keyRing: KeyRing,
  tenantId: string,
  applications: Application[],
): Promise<ImportSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-import-'));
  try {
    const file = join(dir, 'applications.csv');
    const lines = [
      COLUMNS.map(([name]) => name).join(','),
      ...applications.map((a) => COLUMNS.map(([, get]) => csvCell(String(get(a) ?? ''))).join(',')),
    ];
    writeFileSync(file, lines.join('\n') + '\n');
    return await importFile({ store, keyRing, tenantId, kind: 'applications', file });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
