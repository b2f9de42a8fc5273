import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { servedOpenApi } from '../../server/index.js';

export function register(program: Command): void {
  program
    .command('openapi')
    .description('print the OpenAPI 3.1 document of the HTTP API (as a node serves it at /docs/json)')
    .option('--out <file>', 'write it to this file instead of standard output')
    .action(async (opts: { out?: string }) => {
      const text = JSON.stringify(await servedOpenApi(), null, 2) + '\n';
      if (opts.out) writeFileSync(opts.out, text);
      else process.stdout.write(text);
    });
}
