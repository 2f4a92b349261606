/**
 * Settings of a bench run, from the command line (`npm run bench -- --github-runs 5`). The defaults
 * keep the whole run under about 15 minutes on the 2-core reference machine.
 */
import { parseArgs } from 'node:util';

/** The sections, in the order they run. */
export const SECTIONS = ['generation', 'typecheck', 'runtime', 'bundle'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchConfig {
  sections: Section[];
  /** Measured rounds of cold generation of the three token specs (each a fresh process per tool). */
  tokenRuns: number;
  /** Unmeasured rounds before those, to warm the disk cache. */
  tokenWarmup: number;
  /** Measured rounds of cold generation of GitHub's spec. */
  githubRuns: number;
  /** Measured rounds of the consumer type-check. */
  typecheckRuns: number;
  /** Rounds of the in-process overhead benchmark (one fresh process per tool per round). */
  overheadRuns: number;
  /** Calls per overhead sample, after as many warm-up calls. */
  overheadIterations: number;
  /** Rounds of the loopback benchmark (one fresh process per tool per round). */
  e2eRuns: number;
  /** Sequential calls per loopback sample; the concurrent batch makes as many. */
  e2eCalls: number;
  /** Calls in flight in the concurrent batch. */
  e2eConcurrency: number;
  /** Upper bound on one timed loop, in seconds: a loop stops at its count or this, whichever first. */
  loopSeconds: number;
  /** Keep the work directory (bench/node_modules/.bench-work) afterwards. */
  keep: boolean;
}

const DEFAULTS: Omit<BenchConfig, 'sections' | 'keep'> = {
  tokenRuns: 5,
  tokenWarmup: 1,
  githubRuns: 3,
  typecheckRuns: 5,
  overheadRuns: 5,
  overheadIterations: 50_000,
  e2eRuns: 3,
  e2eCalls: 20_000,
  e2eConcurrency: 50,
  loopSeconds: 30,
};

const HELP = `npm run bench [-- options]

  --only <list>            sections to run, comma-separated: ${SECTIONS.join(', ')} (default: all)
  --runs <n>               measured rounds for every section at once
  --token-runs <n>         rounds of the token specs' cold generation (default ${DEFAULTS.tokenRuns})
  --github-runs <n>        rounds of GitHub's cold generation (default ${DEFAULTS.githubRuns})
  --typecheck-runs <n>     rounds of the consumer type-check (default ${DEFAULTS.typecheckRuns})
  --overhead-runs <n>      rounds of the stubbed-fetch overhead benchmark (default ${DEFAULTS.overheadRuns})
  --overhead-iterations <n> calls per overhead sample (default ${DEFAULTS.overheadIterations})
  --e2e-runs <n>           rounds of the loopback benchmark (default ${DEFAULTS.e2eRuns})
  --e2e-calls <n>          calls per loopback sample (default ${DEFAULTS.e2eCalls})
  --e2e-concurrency <n>    calls in flight in the concurrent batch (default ${DEFAULTS.e2eConcurrency})
  --loop-seconds <s>       time bound of any one timed loop (default ${DEFAULTS.loopSeconds})
  --quick                  one round of everything, fewer calls: a smoke test, not a measurement
  --keep                   keep bench/node_modules/.bench-work afterwards
`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive integer, not ${JSON.stringify(value)}`);
  return n;
}

/** Parses argv; returns undefined after printing help. */
export function parseConfig(argv: string[]): BenchConfig | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      runs: { type: 'string' },
      'token-runs': { type: 'string' },
      'github-runs': { type: 'string' },
      'typecheck-runs': { type: 'string' },
      'overhead-runs': { type: 'string' },
      'overhead-iterations': { type: 'string' },
      'e2e-runs': { type: 'string' },
      'e2e-calls': { type: 'string' },
      'e2e-concurrency': { type: 'string' },
      'loop-seconds': { type: 'string' },
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return undefined;
  }
  const sections = values.only === undefined ? [...SECTIONS] : values.only.split(',').map((s) => s.trim());
  for (const s of sections) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only: unknown section ${JSON.stringify(s)}`);
  const base = values.quick
    ? { ...DEFAULTS, tokenRuns: 1, tokenWarmup: 0, githubRuns: 1, typecheckRuns: 1, overheadRuns: 1, overheadIterations: 5_000, e2eRuns: 1, e2eCalls: 2_000 }
    : DEFAULTS;
  const all = values.runs;
  return {
    sections: SECTIONS.filter((s) => sections.includes(s)),
    tokenRuns: positiveInt('token-runs', values['token-runs'] ?? all, base.tokenRuns),
    tokenWarmup: base.tokenWarmup,
    githubRuns: positiveInt('github-runs', values['github-runs'] ?? all, base.githubRuns),
    typecheckRuns: positiveInt('typecheck-runs', values['typecheck-runs'] ?? all, base.typecheckRuns),
    overheadRuns: positiveInt('overhead-runs', values['overhead-runs'] ?? all, base.overheadRuns),
    overheadIterations: positiveInt('overhead-iterations', values['overhead-iterations'], base.overheadIterations),
    e2eRuns: positiveInt('e2e-runs', values['e2e-runs'] ?? all, base.e2eRuns),
    e2eCalls: positiveInt('e2e-calls', values['e2e-calls'], base.e2eCalls),
    e2eConcurrency: positiveInt('e2e-concurrency', values['e2e-concurrency'], base.e2eConcurrency),
    loopSeconds: positiveInt('loop-seconds', values['loop-seconds'], base.loopSeconds),
    keep: values.keep,
  };
}
