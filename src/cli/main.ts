#!/usr/bin/env node
/**
 * The `riskloop` command. Each file in ./commands registers its own sub-commands, so capabilities add commands
 * without editing this file (and no capability module ever imports the CLI).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';

type Register = (program: Command) => void;

const program = new Command('riskloop').description('Consumer-credit risk platform').showHelpAfterError();
const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');
const files = readdirSync(commandsDir)
  .filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.map'))
  .sort();
for (const file of files) {
  const mod = (await import(pathToFileURL(join(commandsDir, file)).href)) as { register?: Register };
  mod.register?.(program);
}
await program.parseAsync(process.argv);
