/**
 * One runtime sample, in a fresh process: `node --import tsx bench/runtime-worker.ts <mode> <tool> <options JSON>`.
 * It makes the same call, `GET /api/v2/tokens/{id}` with an Authorization header, through one of:
 * - fetch: the fetch function itself plus `response.json()`, the floor under any client;
 * - openapi-fetch: `createClient<paths>()` on LaunchDarkly's generated `paths`, `client.GET(...)`;
 * - tokenkit: the generated LaunchDarkly client as its package ships it (compiled by `tokenkit build`
 *   into generated/launchdarkly/dist), `client.accessTokens.getToken({ id })`.
 * Mode `overhead` stubs fetch in process (a function returning `new Response(json)` at once);
 * mode `e2e` uses the real fetch against the loopback server. tinybench runs the loops: each stops at
 * its count or its time bound, whichever comes first, and the figures are per call actually made.
 * Prints one JSON line of samples.
 */
import createClient from 'openapi-fetch';
import { Bench } from 'tinybench';
import type { paths } from '../generated/launchdarkly/src/schema.js';
import { RUNTIME_TOOLS, TOKEN_ID, TOKEN_JSON, type RuntimeTool, type WorkerOptions } from './runtime-fixture.js';

// The compiled package, as users run it; its types are the sources'.
const { LaunchDarklyClient } = (await import(
  new URL('../generated/launchdarkly/dist/index.js', import.meta.url).href
)) as typeof import('../generated/launchdarkly/src/index.js');

type Fetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
type Call = () => Promise<{ name?: string } | undefined>;

const API_KEY = 'api-00000000-0000-0000-0000-000000000000';

function stubFetch(): Fetch {
  return async () => new Response(TOKEN_JSON, { status: 200, headers: { 'content-type': 'application/json' } });
}

/**
 * The call under test for one tool, on the given fetch and base URL; without a fetch, each tool's
 * default (the global fetch), as a user who passes none has it.
 */
function makeCall(tool: RuntimeTool, fetchImpl: Fetch | undefined, baseUrl: string): Call {
  if (tool === 'fetch') {
    const url = `${baseUrl}/api/v2/tokens/${encodeURIComponent(TOKEN_ID)}`;
    const send = fetchImpl ?? fetch;
    return async () => {
      const res = await send(url, { headers: { Authorization: API_KEY } });
      if (!res.ok) throw new Error(`status ${res.status}`);
      return (await res.json()) as { name?: string };
    };
  }
  if (tool === 'openapi-fetch') {
    const client = createClient<paths>({ baseUrl, ...(fetchImpl && { fetch: (request: Request) => fetchImpl(request) }), headers: { Authorization: API_KEY } });
    return async () => {
      const { data, error } = await client.GET('/api/v2/tokens/{id}', { params: { path: { id: TOKEN_ID } } });
      if (error !== undefined) throw new Error('error response');
      return data;
    };
  }
  const ld = new LaunchDarklyClient({
    apiKey: API_KEY,
    baseUrl,
    ...(tool === 'tokenkit-no-timeout' && { timeoutMs: Infinity }),
    ...(fetchImpl && { fetch: (request: Request, init?: RequestInit) => fetchImpl(request, init) }),
  });
  return () => ld.accessTokens.getToken({ id: TOKEN_ID });
}

/**
 * `count` calls, `inFlight` at a time, each timed by tinybench, after up to `warmup` untimed calls;
 * each loop stops at its count or after `seconds`. Gives the calls made, their mean time and the wall
 * time of the timed loop.
 */
async function timed(call: Call, count: number, seconds: number, warmup: number, inFlight = 1): Promise<{ calls: number; meanMs: number; wallMs: number }> {
  const limits = { iterations: count, time: seconds * 1000, warmupIterations: warmup, warmupTime: seconds * 1000 };
  const bench = new Bench({ ...limits, concurrency: 'task', threshold: inFlight, warmup: false, throws: true });
  const task = bench.add('call', call).getTask('call')!;
  if (warmup > 0) await task.warmup();
  const started = performance.now();
  const { result } = await task.run();
  const wallMs = performance.now() - started;
  if (result.state !== 'completed') throw new Error(`the loop ended ${result.state}`);
  return { calls: result.latency.samplesCount, meanMs: result.latency.mean, wallMs };
}

async function check(call: Call): Promise<void> {
  const body = await call();
  if (body?.name !== 'bench') throw new Error(`unexpected body: ${JSON.stringify(body)}`);
}

async function overhead(tool: RuntimeTool, options: WorkerOptions): Promise<Record<string, number>> {
  const call = makeCall(tool, stubFetch(), 'https://app.launchdarkly.com');
  await check(call);
  const { calls, meanMs } = await timed(call, options.iterations, options.loopSeconds, options.iterations);
  return { nsPerOp: meanMs * 1e6, calls };
}

async function e2e(tool: RuntimeTool, options: WorkerOptions): Promise<Record<string, number>> {
  if (!options.baseUrl) throw new Error('e2e needs baseUrl');
  const call = makeCall(tool, undefined, options.baseUrl);
  await check(call);
  const seq = await timed(call, options.iterations, options.loopSeconds, Math.min(1_000, options.iterations));
  const conc = await timed(call, options.iterations, options.loopSeconds, 0, options.concurrency ?? 50);
  return { seqUsPerCall: seq.meanMs * 1000, seqCalls: seq.calls, concUsPerCall: (conc.wallMs * 1000) / conc.calls, concCalls: conc.calls };
}

/**
 * Every tool in one process, interleaved: sequential calls in turn (tool A, B, C, D, A, …), then
 * batches of `concurrency` calls in flight in turn, after warm-up rounds of each. Each call or batch
 * is timed on its own and summed per tool, so a slow spell of the machine falls on every tool alike
 * rather than on whichever process ran then. Gives, per tool, the mean per call of each.
 */
async function paired(tools: readonly RuntimeTool[], options: WorkerOptions): Promise<Record<string, number>> {
  if (!options.baseUrl) throw new Error('e2e needs baseUrl');
  const baseUrl = options.baseUrl;
  const calls = tools.map((tool) => makeCall(tool, undefined, baseUrl));
  for (const call of calls) await check(call);
  const seq = tools.map(() => 0);
  const deadline = performance.now() + options.loopSeconds * 1000;
  const perTool = Math.floor(options.iterations / tools.length);
  let made = 0;
  for (let i = -Math.min(1_000, perTool) * tools.length; i < perTool * tools.length && performance.now() < deadline; i++) {
    const k = ((i % tools.length) + tools.length) % tools.length;
    const started = performance.now();
    await calls[k]!();
    if (i >= 0) seq[k]! += performance.now() - started;
    if (i >= 0 && k === tools.length - 1) made++;
  }
  const inFlight = options.concurrency ?? 50;
  const batches = Math.max(1, Math.floor(perTool / inFlight));
  const conc = tools.map(() => 0);
  let batchesMade = 0;
  const concDeadline = performance.now() + options.loopSeconds * 1000;
  for (let b = -2 * tools.length; b < batches * tools.length && performance.now() < concDeadline; b++) {
    const k = ((b % tools.length) + tools.length) % tools.length;
    const call = calls[k]!;
    const started = performance.now();
    await Promise.all(Array.from({ length: inFlight }, () => call()));
    if (b >= 0) conc[k]! += performance.now() - started;
    if (b >= 0 && k === tools.length - 1) batchesMade++;
  }
  const result: Record<string, number> = { seqCalls: made, concCalls: batchesMade * inFlight };
  tools.forEach((tool, k) => {
    result[`${tool}:seqUsPerCall`] = (seq[k]! * 1000) / Math.max(1, made);
    result[`${tool}:concUsPerCall`] = (conc[k]! * 1000) / Math.max(1, batchesMade * inFlight);
  });
  return result;
}

async function main(argv: string[]): Promise<void> {
  const [mode, tool, json] = argv;
  if (mode === 'e2e-paired') {
    // `tool` is the comma-separated order of the tools, rotated by the caller each round.
    const tools = (tool ?? '').split(',').filter((t): t is RuntimeTool => (RUNTIME_TOOLS as readonly string[]).includes(t));
    if (tools.length === 0) throw new Error(`no known tool in ${tool ?? '(none)'}`);
    process.stdout.write(`${JSON.stringify(await paired(tools, JSON.parse(json ?? '{}') as WorkerOptions))}\n`);
    return;
  }
  if (!(RUNTIME_TOOLS as readonly string[]).includes(tool ?? '')) throw new Error(`unknown tool ${tool ?? '(none)'}`);
  const options = JSON.parse(json ?? '{}') as WorkerOptions;
  const t = tool as RuntimeTool;
  const result = mode === 'overhead' ? await overhead(t, options) : mode === 'e2e' ? await e2e(t, options) : undefined;
  if (!result) throw new Error(`unknown mode ${mode ?? '(none)'}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
