/**
 * Run `riskloop` subcommands in process, the way the binary would, capturing what they print (console and stdout)
 * and the exit code they set. Commands are registered fresh per run so no option state leaks between runs.
 */
import { Command } from 'commander';
import { vi } from 'vitest';

export type Register = (program: Command) => void;

export async function runCli(registers: Register[], args: string[]): Promise<{ out: string; code: number }> {
  const lines: string[] = [];
  const push = (...a: unknown[]) => void lines.push(a.join(' '));
  const log = vi.spyOn(console, 'log').mockImplementation(push);
  const err = vi.spyOn(console, 'error').mockImplementation(push);
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  process.exitCode = 0;
  try {
    const program = new Command('riskloop').exitOverride();
    for (const register of registers) register(program);
    await program.parseAsync(['node', 'riskloop', ...args]);
    return { out: lines.join('\n'), code: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = 0;
    log.mockRestore();
    err.mockRestore();
    write.mockRestore();
  }
}
