/**
 * Settings of a bench run, from the command line (`npm run bench -- --github-runs 5`). The defaults
 * keep the whole run under about 15 minutes on the 2-core reference machine.
 */
import yargs from 'yargs';

/** The sections, in the order they run. */
export const SECTIONS = ['generation', 'typecheck', 'runtime', 'bundle'] as const;
export type Section = (typeof SECTIONS)[number];

/** Each count: its default, its value under --quick, whether --runs sets it, and what it sets. */
const COUNTS = {
  tokenRuns: [5, 1, true, "measured rounds of the token specs' cold generation (a fresh process per tool)"],
  githubRuns: [3, 1, true, "measured rounds of GitHub's cold generation"],
  typecheckRuns: [5, 1, true, 'measured rounds of the consumer type-check'],
  overheadRuns: [5, 1, true, 'rounds of the stubbed-fetch overhead benchmark (a fresh process per tool per round)'],
  overheadIterations: [50_000, 5_000, false, 'calls per overhead sample, after as many warm-up calls'],
  e2eRuns: [5, 1, true, 'rounds of the loopback benchmark (a fresh process per tool per round)'],
  e2eCalls: [20_000, 2_000, false, 'sequential calls per loopback sample; the concurrent batch makes as many'],
  e2eConcurrency: [50, 50, false, 'calls in flight in the concurrent batch'],
  loopSeconds: [30, 30, false, 'time bound of any one timed loop, in seconds: a loop stops at its count or this, whichever first'],
} as const;
type Count = keyof typeof COUNTS;

/** What one run does; written whole into RESULTS.md and results.json. */
export type BenchConfig = { sections: Section[] } & Record<Count, number> & {
    /** Unmeasured rounds of the token specs before the measured ones, to warm the disk cache. */
    tokenWarmup: number;
    /** Keep the work directory (bench/node_modules/.bench-work) afterwards. */
    keep: boolean;
  };

const flag = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Parses argv; `--help` prints the options and exits. */
export function parseConfig(argv: string[]): BenchConfig {
  let cli = yargs(argv)
    .scriptName('npm run bench --')
    .version(false)
    .strict()
    .option('only', { type: 'string', describe: `sections to run, comma-separated: ${SECTIONS.join(', ')} (default: all)` })
    .option('runs', { type: 'number', describe: 'measured rounds for every section at once' })
    .option('quick', { type: 'boolean', default: false, describe: 'one round of everything, fewer calls: a smoke test, not a measurement' })
    .option('keep', { type: 'boolean', default: false, describe: 'keep bench/node_modules/.bench-work afterwards' });
  for (const [key, [fallback, , , describe]] of Object.entries(COUNTS))
    cli = cli.option(flag(key), { type: 'number', describe: `${describe} (default ${fallback})` });
  const args = cli
    .check((a) => {
      for (const name of ['runs', ...Object.keys(COUNTS).map(flag)]) {
        const n = a[name];
        if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 1)) throw new Error(`--${name} takes a positive integer`);
      }
      const unknown = a.only?.split(',').find((s) => !(SECTIONS as readonly string[]).includes(s.trim()));
      if (unknown !== undefined) throw new Error(`--only: unknown section ${JSON.stringify(unknown)}`);
      return true;
    })
    .parseSync();
  const only = args.only?.split(',').map((s) => s.trim());
  const counts = Object.entries(COUNTS).map(([key, [fallback, quick, byRuns]]) => [
    key,
    args[flag(key)] ?? (byRuns ? args.runs : undefined) ?? (args.quick ? quick : fallback),
  ]);
  return {
    sections: SECTIONS.filter((s) => only === undefined || only.includes(s)),
    ...(Object.fromEntries(counts) as Record<Count, number>),
    tokenWarmup: args.quick ? 0 : 1,
    keep: args.keep,
  };
}
