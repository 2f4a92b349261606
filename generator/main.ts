#!/usr/bin/env node
/**
 * The one place that turns errors into exit codes: 0 ok, 1 problems found (spec issues, stale
 * output), 2 usage. A spec problem prints one line per issue and no stack; anything unexpected is a
 * bug in tokenkit and prints its stack.
 */
import { runCli } from './cli.js';
import { UsageError } from './usage-error.js';
import { BuildError } from './commands/build.js';
import { DriftError } from './commands/generate.js';
import { PublishRefused } from './commands/publish.js';
import { formatIssue, SpecError } from './issues.js';

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], err: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  try {
    await runCli(argv);
    return 0;
  } catch (error) {
    if (error instanceof SpecError) {
      for (const issue of error.issues) err(formatIssue(issue));
      err(`${error.issues.length} problem${error.issues.length === 1 ? '' : 's'} found; nothing was written`);
      return 1;
    }
    if (error instanceof PublishRefused) {
      for (const reason of error.reasons) err(`refused  ${reason}`);
      return 1;
    }
    if (error instanceof BuildError) {
      err(error.message);
      return 1;
    }
    if (error instanceof DriftError) {
      err(error.message);
      return 1;
    }
    if (error instanceof UsageError || (error instanceof Error && error.name === 'YError')) {
      err(`tokenkit: ${error.message}`);
      err('Run `tokenkit --help` for usage.');
      return 2;
    }
    err('tokenkit: internal error (a bug in tokenkit; please report it with the spec that caused it)');
    err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/generator/main.ts')) {
  process.exitCode = await main(process.argv.slice(2));
}
