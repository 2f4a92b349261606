/**
 * Runtime cost per call: every sample is a fresh worker process (bench/runtime-worker.ts), tools
 * interleaved round-robin. (a) client overhead with fetch stubbed in process; (b) end to end against
 * a loopback node:http server in its own process on 127.0.0.1, sequential and at a fixed concurrency.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { BenchConfig } from './config.js';
import { describeFailure, ok, run } from './proc.js';
import { addSample, fail, newRow, type Comparison, type Metric, type Row } from './results.js';
import { RUNTIME_TOOLS, type E2eSample, type OverheadSample, type RuntimeTool, type WorkerOptions } from './runtime-protocol.js';
import { TOKEN_JSON } from './runtime-fixture.js';
import { rotate } from './stats.js';
import { BENCH_DIR, NODE, ROOT, TOKENKIT_BIN } from './tools.js';

const WORKER = path.join(BENCH_DIR, 'runtime-worker.ts');
const SERVER = path.join(BENCH_DIR, 'loopback-server.ts');

const LABELS: Record<RuntimeTool, string> = { fetch: 'fetch + JSON parse (floor)', 'openapi-fetch': 'openapi-fetch (raw)', tokenkit: 'tokenkit' };

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

async function worker<T>(mode: 'overhead' | 'e2e', tool: RuntimeTool, options: WorkerOptions, timeoutMs: number): Promise<T | string> {
  const result = await run(NODE, ['--import', 'tsx', WORKER, mode, tool, JSON.stringify(options)], { cwd: ROOT, timeoutMs });
  if (!ok(result)) return describeFailure(result);
  try {
    return JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as T;
  } catch {
    return `printed no result: ${result.stdout.slice(0, 200)}`;
  }
}

async function rounds<T extends object>(
  rows: Map<RuntimeTool, Row>,
  count: number,
  sample: (tool: RuntimeTool) => Promise<T | string>,
  log: (line: string) => void,
  show: (value: T) => string,
): Promise<void> {
  for (let round = 0; round < count; round++) {
    for (const tool of rotate(RUNTIME_TOOLS, round)) {
      const row = rows.get(tool)!;
      if (row.error) continue;
      const got = await sample(tool);
      if (typeof got === 'string') {
        fail(row, got);
        log(`  round ${round + 1}/${count}  ${tool}: FAILED ${got}`);
        continue;
      }
      addSample(row, got as unknown as Record<string, number>);
      log(`  round ${round + 1}/${count}  ${tool}: ${show(got)}`);
    }
  }
}

/** Stub-fetch client overhead. */
export async function runtimeOverhead(config: BenchConfig, log: (line: string) => void): Promise<Comparison> {
  const rows = new Map(RUNTIME_TOOLS.map((t) => [t, newRow(LABELS[t], OVERHEAD_METRICS)] as const));
  const options: WorkerOptions = { iterations: config.overheadIterations, loopSeconds: config.loopSeconds };
  await buildPackages();
  log(`runtime overhead (stubbed fetch): ${config.overheadRuns} rounds of ${config.overheadIterations} calls`);
  await rounds<OverheadSample>(
    rows,
    config.overheadRuns,
    (tool) => worker('overhead', tool, options, (config.loopSeconds * 2 + 60) * 1000),
    log,
    (s) => `${Math.round(s.nsPerOp)} ns/call`,
  );
  return {
    id: 'runtime-overhead',
    title: 'Runtime: client overhead per call, fetch stubbed in process',
    what:
      `\`GET /api/v2/tokens/{id}\` with an Authorization header, the fetch function replaced by one that returns \`new Response(json)\` at once (as openapi-fetch's own benchmark does). ` +
      `Each sample is a fresh process: ${config.overheadIterations.toLocaleString('en-US')} warm-up calls, then up to ${config.overheadIterations.toLocaleString('en-US')} timed sequential calls (at most ${config.loopSeconds} s). ` +
      "tokenkit is the generated LaunchDarkly client as its package ships (compiled to generated/launchdarkly/dist by `tokenkit build`) with its default retries and timeout; openapi-fetch is `createClient<paths>()` on the same package's `paths`. " +
      "tokenkit makes an attempt's AbortController only when fetch reads `init.signal`, which the stub never does: this figure leaves that cost out, the end-to-end figures below include it.",
    commands: [
      `node --import tsx bench/runtime-worker.ts overhead <fetch|openapi-fetch|tokenkit> '{"iterations":${config.overheadIterations},"loopSeconds":${config.loopSeconds}}'`,
    ],
    metrics: OVERHEAD_METRICS,
    rows: [...rows.values()],
  };
}

function startServer(lifetimeS: number): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, ['--import', 'tsx', SERVER, '--lifetime', String(lifetimeS)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('loopback server did not start within 30 s'));
    }, 30_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve({ child, port: (JSON.parse(line) as { port: number }).port });
      }
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`loopback server exited (${code ?? 'signal'}) before it listened`));
    });
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** End to end against the loopback server. */
export async function runtimeE2e(config: BenchConfig, log: (line: string) => void): Promise<Comparison> {
  const rows = new Map(RUNTIME_TOOLS.map((t) => [t, newRow(LABELS[t], E2E_METRICS)] as const));
  const perSampleS = config.loopSeconds * 4 + 60;
  await buildPackages();
  log(
    `runtime end to end (loopback): ${config.e2eRuns} rounds of ${config.e2eCalls} sequential calls and ${config.e2eCalls} at concurrency ${config.e2eConcurrency}`,
  );
  let server: { child: ChildProcess; port: number } | undefined;
  try {
    server = await startServer(perSampleS * config.e2eRuns * RUNTIME_TOOLS.length + 60);
    const options: WorkerOptions = {
      iterations: config.e2eCalls,
      loopSeconds: config.loopSeconds,
      baseUrl: `http://127.0.0.1:${server.port}`,
      concurrency: config.e2eConcurrency,
    };
    await rounds<E2eSample>(
      rows,
      config.e2eRuns,
      (tool) => worker('e2e', tool, options, perSampleS * 1000),
      log,
      (s) => `${s.seqUsPerCall.toFixed(1)} µs/call sequential, ${s.concUsPerCall.toFixed(1)} µs/call at ${config.e2eConcurrency}`,
    );
  } catch (err) {
    for (const row of rows.values()) fail(row, err instanceof Error ? err.message : String(err));
  } finally {
    if (server) await stopServer(server.child);
  }
  return {
    id: 'runtime-e2e',
    title: 'Runtime: end to end against a loopback HTTP server',
    what:
      `The same call through Node's real fetch to a node:http server on 127.0.0.1 (its own process, keep-alive, a ${TOKEN_JSON.length}-byte JSON body). ` +
      `Each sample is a fresh process: 1,000 warm-up calls, up to ${config.e2eCalls.toLocaleString('en-US')} sequential calls, then ${config.e2eCalls.toLocaleString('en-US')} calls with ${config.e2eConcurrency} in flight; every loop stops at its count or after ${config.loopSeconds} s. ` +
      'The concurrent figure is the batch wall time divided by the calls made. Client and server share the 2 cores, so per-call figures include server time.',
    commands: [
      'node --import tsx bench/loopback-server.ts',
      `node --import tsx bench/runtime-worker.ts e2e <fetch|openapi-fetch|tokenkit> '{"iterations":${config.e2eCalls},"concurrency":${config.e2eConcurrency},"baseUrl":"http://127.0.0.1:<port>",...}'`,
    ],
    metrics: E2E_METRICS,
    rows: [...rows.values()],
  };
}
