#!/usr/bin/env node
/**
 * The one place that turns errors into exit codes: 0 ok, 1 problems found (spec issues, stale
 * output), 2 usage. A spec problem prints one line per issue and no stack; anything unexpected is a
 * bug in tokenkit and prints its stack.
 */
import { runCli } from './cli.js';
import { exposeCollector } from './memory.js';
import { printErrorLine } from './output.js';
import { reportError } from './report-error.js';

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], err: (line: string) => void = printErrorLine): Promise<number> {
  exposeCollector();
  try {
    await runCli(argv);
    return 0;
  } catch (error) {
    return reportError(error, err);
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}` || process.argv[1]?.endsWith('/generator/main.ts')) {
  process.exitCode = await main(process.argv.slice(2));
}
