/** Where the starter program's files are: `programs/starter` at the package root (from src/ or from dist/src/). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function starterProgramDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'programs', 'starter');
    if (existsSync(join(candidate, 'program.yaml'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('the starter program (programs/starter/program.yaml) is not installed with riskloop');
}
