/**
 * Runtime cost per call: every sample is a fresh worker process (bench/runtime-worker.ts), tools
 * interleaved round-robin. (a) client overhead with fetch stubbed in process; (b) end to end against
 * a loopback node:http server on 127.0.0.1 in the bench's own process, sequential and at a fixed
 * concurrency.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BenchConfig } from './config.js';
import { describeFailure, ok, run } from './proc.js';
import { addSample, fail, newRow, type Comparison, type Metric, type Row } from './results.js';
import { rotate, runRounds, type ProcessTask } from './rounds.js';
import { OVERHEAD_TOOLS, RUNTIME_TOOLS, TOKEN_JSON, type RuntimeTool, type WorkerOptions } from './runtime-fixture.js';
import { BENCH_DIR, NODE, ROOT, TOKENKIT_BIN } from './tools.js';

const WORKER = path.join(BENCH_DIR, 'runtime-worker.ts');

const LABELS: Record<RuntimeTool, string> = {
  fetch: 'fetch + JSON parse (floor)',
  'openapi-fetch': 'openapi-fetch (raw)',
  tokenkit: 'tokenkit',
  'tokenkit-no-timeout': 'tokenkit, timeoutMs: Infinity',
};

const OVERHEAD_METRICS: Metric[] = [
  { key: 'nsPerOp', label: 'per call', unit: 'ns', digits: 0 },
  { key: 'calls', label: 'calls timed', unit: '', digits: 0 },
];
const E2E_METRICS: Metric[] = [
  { key: 'seqUsPerCall', label: 'sequential, per call', unit: 'µs', digits: 1 },
  { key: 'seqCalls', label: 'sequential calls', unit: '', digits: 0 },
  { key: 'concUsPerCall', label: 'concurrent, wall per call', unit: 'µs', digits: 1 },
  { key: 'concCalls', label: 'concurrent calls', unit: '', digits: 0 },
];

let built: Promise<void> | undefined;

/** The generated packages compiled to dist/ once, so the tokenkit worker runs the JavaScript users run. */
function buildPackages(): Promise<void> {
  built ??= run(NODE, [TOKENKIT_BIN, 'build'], { cwd: ROOT, timeoutMs: 300_000 }).then((result) => {
    if (!ok(result)) throw new Error(`tokenkit build failed: ${describeFailure(result)}`);
  });
  return built;
}

/** One worker process per tool and round, its JSON line the samples. */
async function workerRounds(
  mode: 'overhead' | 'e2e',
  tools: readonly RuntimeTool[],
  rows: readonly Row[],
  options: WorkerOptions,
  rounds: number,
  log: (line: string) => void,
): Promise<void> {
  const tasks = tools.map((tool, i): ProcessTask => ({
    row: rows[i]!,
    name: tool,
    prepare: async () => ({ command: NODE, args: ['--import', 'tsx', WORKER, mode, tool, JSON.stringify(options)], cwd: ROOT }),
    extract: (result) => {
      try {
        return JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as Record<string, number>;
      } catch {
        return `printed no result: ${result.stdout.slice(0, 200)}`;
      }
    },
  }));
  await runRounds(tasks, { rounds, warmup: 0, timeoutMs: (options.loopSeconds * 4 + 60) * 1000, log });
}

/** Stub-fetch client overhead. */
export async function runtimeOverhead(config: BenchConfig, log: (line: string) => void): Promise<Comparison> {
  const rows = OVERHEAD_TOOLS.map((t) => newRow(LABELS[t], OVERHEAD_METRICS));
  await buildPackages();
  log(`runtime overhead (stubbed fetch): ${config.overheadRuns} rounds of ${config.overheadIterations} calls`);
  await workerRounds('overhead', OVERHEAD_TOOLS, rows, { iterations: config.overheadIterations, loopSeconds: config.loopSeconds }, config.overheadRuns, log);
  return {
    id: 'runtime-overhead',
    title: 'Runtime: client overhead per call, fetch stubbed in process',
    what:
      `\`GET /api/v2/tokens/{id}\` with an Authorization header, the fetch function replaced by one that returns \`new Response(json)\` at once (as openapi-fetch's own benchmark does). ` +
      `Each sample is a fresh process: ${config.overheadIterations.toLocaleString('en-US')} warm-up calls, then up to ${config.overheadIterations.toLocaleString('en-US')} sequential calls (at most ${config.loopSeconds} s), each timed by tinybench; the figure is their mean. ` +
      "tokenkit is the generated LaunchDarkly client as its package ships (compiled to generated/launchdarkly/dist by `tokenkit build`) with its default retries and timeout; openapi-fetch is `createClient<paths>()` on the same package's `paths`. " +
      "tokenkit makes an attempt's AbortController only when fetch reads `init.signal`, which the stub never does: this figure leaves that cost out, the end-to-end figures below include it.",
    commands: [
      `node --import tsx bench/runtime-worker.ts overhead <fetch|openapi-fetch|tokenkit> '{"iterations":${config.overheadIterations},"loopSeconds":${config.loopSeconds}}'`,
    ],
    metrics: OVERHEAD_METRICS,
    rows,
  };
}

/** The loopback server: every request gets the same small JSON token, over kept-alive connections. */
async function startServer(): Promise<http.Server> {
  const body = Buffer.from(TOKEN_JSON);
  const server = http.createServer((req, res) => {
    req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return server;
}

/** End to end against the loopback server. */
export async function runtimeE2e(config: BenchConfig, log: (line: string) => void): Promise<Comparison> {
  const rows = RUNTIME_TOOLS.map((t) => newRow(LABELS[t], E2E_METRICS));
  await buildPackages();
  log(
    `runtime end to end (loopback): ${config.e2eRuns} rounds of ${config.e2eCalls} sequential calls and ${config.e2eCalls} at concurrency ${config.e2eConcurrency}`,
  );
  const server = await startServer();
  try {
    const { port } = server.address() as AddressInfo;
    const options = { iterations: config.e2eCalls, loopSeconds: config.loopSeconds, baseUrl: `http://127.0.0.1:${port}`, concurrency: config.e2eConcurrency };
    await workerRounds('e2e', RUNTIME_TOOLS, rows, options, config.e2eRuns, log);
  } finally {
    server.closeAllConnections();
    server.close();
  }
  return {
    id: 'runtime-e2e',
    title: 'Runtime: end to end against a loopback HTTP server',
    what:
      `The same call through Node's real fetch, each tool on its default (the global fetch, no \`fetch\` option: as users run it), to a node:http server on 127.0.0.1 (in the bench's process, not the client's; keep-alive; a ${TOKEN_JSON.length}-byte JSON body). ` +
      `Each sample is a fresh process: 1,000 warm-up calls, up to ${config.e2eCalls.toLocaleString('en-US')} sequential calls, then ${config.e2eCalls.toLocaleString('en-US')} calls with ${config.e2eConcurrency} in flight; every loop stops at its count or after ${config.loopSeconds} s. ` +
      'tinybench times each call; the sequential figure is their mean, the concurrent figure the batch wall time divided by the calls made. Client and server share the 2 cores, so per-call figures include server time. ' +
      'tokenkit runs with its default 60 s per-attempt timeout; the `timeoutMs: Infinity` row is the same client without one, as openapi-fetch has none: with nothing able to end an attempt, fetch gets no abort signal, so the difference between the two rows is what the cancellable attempt costs.',
    commands: [
      `node --import tsx bench/runtime-worker.ts e2e <fetch|openapi-fetch|tokenkit|tokenkit-no-timeout> '{"iterations":${config.e2eCalls},"concurrency":${config.e2eConcurrency},"baseUrl":"http://127.0.0.1:<port>",...}'`,
    ],
    metrics: E2E_METRICS,
    rows,
  };
}

const PAIRED_METRICS: Metric[] = [
  { key: 'seqUsPerCall', label: 'sequential, per call', unit: 'µs', digits: 1 },
  { key: 'concUsPerCall', label: 'concurrent, wall per call', unit: 'µs', digits: 1 },
];

/**
 * End to end with the tools paired in one process (see `paired` in runtime-worker.ts): each round a
 * fresh worker runs every tool in turn, call by call and batch by batch, starting with a different
 * tool each round.
 */
export async function runtimeE2ePaired(config: BenchConfig, log: (line: string) => void): Promise<Comparison> {
  const rows = RUNTIME_TOOLS.map((t) => newRow(LABELS[t], PAIRED_METRICS));
  await buildPackages();
  log(`runtime end to end, paired in one process: ${config.e2eRuns} rounds of ${config.e2eCalls} calls shared by the tools`);
  const server = await startServer();
  try {
    const { port } = server.address() as AddressInfo;
    const options = { iterations: config.e2eCalls, loopSeconds: config.loopSeconds, baseUrl: `http://127.0.0.1:${port}`, concurrency: config.e2eConcurrency };
    for (let round = 0; round < config.e2eRuns; round++) {
      const order = rotate(RUNTIME_TOOLS, round);
      const result = await run(NODE, ['--import', 'tsx', WORKER, 'e2e-paired', order.join(','), JSON.stringify(options)], {
        cwd: ROOT,
        timeoutMs: (options.loopSeconds * 4 + 60) * 1000,
      });
      let samples: Record<string, number> | undefined;
      try {
        samples = ok(result) ? (JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as Record<string, number>) : undefined;
      } catch {
        samples = undefined;
      }
      if (samples === undefined) {
        for (const row of rows) fail(row, ok(result) ? `printed no result: ${result.stdout.slice(0, 200)}` : describeFailure(result));
        break;
      }
      const got = samples;
      RUNTIME_TOOLS.forEach((tool, i) =>
        addSample(rows[i]!, { seqUsPerCall: got[`${tool}:seqUsPerCall`] ?? NaN, concUsPerCall: got[`${tool}:concUsPerCall`] ?? NaN }),
      );
      log(
        `  round ${round + 1}/${config.e2eRuns}  ${order.map((t) => `${t}: ${(got[`${t}:seqUsPerCall`] ?? NaN).toFixed(1)}/${(got[`${t}:concUsPerCall`] ?? NaN).toFixed(1)} µs`).join(', ')}`,
      );
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
  return {
    id: 'runtime-e2e-paired',
    title: 'Runtime: end to end, the tools paired in one process',
    what:
      'The same call and server as the table above, but each sample is one fresh process running all four in turn: a sequential call of each, then of each again, ' +
      `${Math.floor(config.e2eCalls / RUNTIME_TOOLS.length).toLocaleString('en-US')} calls per tool after 1,000 warm-up calls each; then batches of ${config.e2eConcurrency} calls in flight, each tool's batch in turn, as many calls again. ` +
      'Every call and batch is timed on its own and summed per tool, so a slow spell of the machine (these are small, shared machines) falls on every tool alike instead of on whichever process ran then; the order starts with another tool each round. ' +
      "The price is that the tools share one heap: garbage one tool makes may be collected during another's call, which favours the tool that makes more (tokenkit, openapi-fetch) over the floor.",
    commands: [
      `node --import tsx bench/runtime-worker.ts e2e-paired fetch,openapi-fetch,tokenkit,tokenkit-no-timeout '{"iterations":${config.e2eCalls},"concurrency":${config.e2eConcurrency},"baseUrl":"http://127.0.0.1:<port>",...}'`,
    ],
    metrics: PAIRED_METRICS,
    rows,
  };
}
