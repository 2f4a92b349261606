/**
 * Command-line wiring only: yargs parses, the commands do the work, main.ts maps errors to exit codes.
 * Each command's module is imported when that command runs, so `--help` or `diff` never pays for
 * loading the TypeScript compiler.
 */
import { statSync } from 'node:fs';
import yargs, { type Argv } from 'yargs';
import { GENERATOR_VERSION } from './version.js';
import { UsageError } from './usage-error.js';
import { packageNameProblem } from './package-name.js';
import { SpecError } from './issues.js';
import { jsonLines, writeLines } from './output.js';
import type { LoadOptions } from './pipeline/load.js';

/** The options that say what a spec's references may reach, on every command that reads a spec. */
function withRefOptions<T>(y: Argv<T>) {
  return y
    .option('ref-root', { type: 'string', describe: "Directory that file $refs may reach (default: each spec's own directory)" })
    .option('allow-remote-refs', {
      type: 'boolean',
      default: false,
      describe: 'Fetch http(s) $refs, each within 10 s, 20 MB and 5 redirects (default: refuse them)',
    })
    .check((args) => {
      const root = args['ref-root'];
      if (root !== undefined && statSync(root, { throwIfNoEntry: false })?.isDirectory() !== true)
        throw new UsageError(`--ref-root ${root} is not a directory`);
      return true;
    });
}

/** `--overlay`, on the commands that read a spec to generate, lint or diff it. */
function withOverlayOption<T>(y: Argv<T>, describe: string) {
  return y.option('overlay', { type: 'string', array: true, describe });
}

function loadOptions(args: { refRoot?: string; allowRemoteRefs?: boolean; overlay?: string[] }): LoadOptions {
  return { refRoot: args.refRoot, allowRemoteRefs: args.allowRemoteRefs, ...(args.overlay?.length ? { overlays: args.overlay } : {}) };
}

/**
 * The command's result; with `--json`, a spec's problems are also written to stdout as
 * `{ "problems": [...] }`, so a CI job reading the JSON gets them, not an empty output (they are
 * printed on stderr as ever, and the exit code is 1).
 */
async function withJsonProblems<T>(json: boolean, result: Promise<T>): Promise<T> {
  try {
    return await result;
  } catch (err) {
    if (json && err instanceof SpecError) writeLines(process.stdout, jsonLines({ problems: err.issues }));
    throw err;
  }
}

/** The options and positionals that take several values; every other takes one. */
const LISTS = new Set(['overlay', 'specs', '_']);

/**
 * One value per option: yargs makes an array of an option given twice (`--out a --out b`), which the
 * commands would read as a string; and an option that names a file or a place needs one (`--spec ""`
 * would otherwise read as no --spec at all, and generate every package of the project).
 */
function checkSingleValues(args: Record<string, unknown>): true {
  for (const [key, value] of Object.entries(args)) {
    // yargs lists each option under its camelCase name too; the option as written is enough.
    if (key === '$0' || /[A-Z]/.test(key) || LISTS.has(key)) continue;
    if (Array.isArray(value)) throw new UsageError(`--${key} was given ${value.length} times; give it once`);
    if (value === '') throw new UsageError(`--${key} needs a value`);
  }
  return true;
}

const OVERLAY_BESIDE = 'An overlay beside a spec (<name>.overlay.yaml, .yml or .json) is always applied first.';

/** Parses argv and runs the command it names. */
export async function runCli(argv: string[]): Promise<void> {
  await yargs(argv)
    .scriptName('tokenkit')
    .version(GENERATOR_VERSION)
    .strict()
    .exitProcess(false)
    .fail((message, error: Error | undefined) => {
      throw error ?? new UsageError(message);
    })
    .check(checkSingleValues)
    .command(
      'generate',
      'Generate every package from specs/ into generated/, or one package with --spec',
      (y) =>
        withOverlayOption(
          withRefOptions(y),
          `An OpenAPI Overlay 1.0 file to apply to --spec before anything reads it; repeat it to apply several, in order. ${OVERLAY_BESIDE}`,
        )
          .option('spec', { type: 'string', describe: 'Generate one spec (OpenAPI 3.0, 3.1 or Swagger 2.0)' })
          .option('out', { type: 'string', describe: 'Output directory for --spec' })
          .option('name', { type: 'string', describe: 'npm package name for --spec, e.g. @scope/name' })
          .option('check', { type: 'boolean', default: false, describe: 'Compare with the files on disk and list stale ones; write nothing' })
          .option('strict', { type: 'boolean', default: false, describe: 'Treat warnings (findings that do not change the output) as errors' })
          .option('watch', {
            type: 'boolean',
            default: false,
            describe: 'Regenerate whenever a spec or an overlay of it changes; print problems and keep watching',
          })
          .option('force', {
            type: 'boolean',
            default: false,
            describe: 'Write into a non-empty directory tokenkit did not write, replacing files of the same names (nothing else is touched)',
          })
          .check((args) => {
            if ((args.out !== undefined || args.name !== undefined) && args.spec === undefined) throw new UsageError('--out and --name need --spec');
            if (args.overlay !== undefined && args.spec === undefined)
              throw new UsageError('--overlay needs --spec; for a spec in specs/, put its overlay beside it as specs/<name>.overlay.yaml');
            if (args.watch && args.check) throw new UsageError('--watch and --check do not go together');
            if (args.force && args.check) throw new UsageError('--force and --check do not go together: --check writes nothing');
            const nameProblem = args.name === undefined ? undefined : packageNameProblem(args.name);
            if (nameProblem !== undefined) throw new UsageError(`--name ${JSON.stringify(args.name)} is not a valid npm package name: ${nameProblem}`);
            return true;
          }),
      async (args) => {
        const options = { spec: args.spec, out: args.out, name: args.name, check: args.check, strict: args.strict, force: args.force, load: loadOptions(args) };
        if (args.watch) await (await import('./commands/watch.js')).watchAndGenerate(options);
        else await (await import('./commands/generate.js')).generate(options);
      },
    )
    .command(
      'build',
      'Compile every generated package to dist/ (ESM, declarations, source maps)',
      (y) => y,
      async () => (await import('./commands/build.js')).build(),
    )
    .command(
      'publish',
      'Build and publish every generated package that is fresh and not yet on the registry',
      (y) =>
        y
          .option('registry', { type: 'string', describe: "Registry URL (default: npm's configured registry)" })
          .option('dry-run', { type: 'boolean', default: false, describe: 'List what would be published: files, sizes, versions' }),
      async (args) => (await import('./commands/publish.js')).publish({ registry: args.registry, dryRun: args.dryRun }),
    )
    .command(
      'version <package> <bump>',
      'Cut a new version of a generated package without a spec change, with a CHANGELOG entry',
      (y) =>
        y
          .positional('package', { type: 'string', demandOption: true, describe: 'The package: its directory under generated/ or its npm name' })
          .positional('bump', { choices: ['patch', 'minor', 'major'] as const, demandOption: true, describe: 'Which part of the version to bump' }),
      async (args) => {
        await (await import('./commands/version.js')).cutVersion({ package: args.package, bump: args.bump });
      },
    )
    .command(
      'diff <old> [new]',
      'Class the changes between two specs (or a package and its current spec) as breaking, non-breaking or docs, and name the bump',
      (y) =>
        withOverlayOption(withRefOptions(y), `An OpenAPI Overlay 1.0 file applied to both specs (repeatable, in order). ${OVERLAY_BESIDE}`)
          .positional('old', { type: 'string', demandOption: true, describe: 'The old spec, or a generated package name' })
          .positional('new', { type: 'string', describe: 'The new spec' })
          .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' })
          .option('fail-on', {
            choices: ['breaking', 'non-breaking', 'docs'] as const,
            describe: 'Exit 1 when a change of this class, or a more severe one, is found (for CI)',
          }),
      async (args) => {
        const { diffSpecs, formatDiff, failOn } = await import('./commands/diff.js');
        const result = await withJsonProblems(args.json, diffSpecs(args.old, args.new, undefined, loadOptions(args)));
        writeLines(process.stdout, formatDiff(result, args.json));
        if (args.failOn) failOn(result, args.failOn);
      },
    )
    .command(
      'compare',
      "List what a vendor's official definition says differently, for the operations our spec covers",
      (y) =>
        withRefOptions(y)
          .option('vendor', { type: 'string', demandOption: true, describe: "The vendor's official definition (OpenAPI 3 or Swagger 2.0)" })
          .option('spec', { type: 'string', demandOption: true, describe: 'Our handwritten spec' })
          .option('docs', { type: 'boolean', default: false, describe: 'Include differences in descriptions and examples' })
          .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' }),
      async (args) => {
        const { compareWithVendor, formatCompare } = await import('./commands/compare.js');
        const result = await withJsonProblems(args.json, compareWithVendor(args.vendor, args.spec, args.docs, loadOptions(args)));
        writeLines(process.stdout, args.json ? jsonLines(result) : formatCompare(result));
      },
    )
    .command(
      'lint <specs..>',
      'Check specs as generate reads them, strictly (warnings are errors), plus Redocly recommended rules',
      (y) =>
        withOverlayOption(withRefOptions(y), `An OpenAPI Overlay 1.0 file applied to each spec (repeatable, in order). ${OVERLAY_BESIDE}`).positional('specs', {
          type: 'string',
          array: true,
          demandOption: true,
        }),
      async (args) => (await import('./commands/lint.js')).lint(args.specs, undefined, loadOptions(args)),
    )
    .demandCommand(1, 'Name a command: generate, build, publish, version, diff, compare or lint')
    .help()
    .parseAsync();
}
