/** Prints a typed error (with field issues) instead of a stack trace, and fails the process. */
export async function reportErrors(fn: () => void | Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const issues = (err as { issues?: { path: string; message: string }[] }).issues ?? [];
    console.error(`error: ${(err as Error).message}`);
    for (const i of issues) console.error(`  ${i.path}: ${i.message}`);
    process.exitCode = 1;
  }
}
