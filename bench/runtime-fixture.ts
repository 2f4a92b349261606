/** What the runtime benchmarks and their worker processes share: the clients, the options, and the one response (a LaunchDarkly access token, as the API sends it). */

export const TOKEN_ID = '61095542756dba551110ae21';

export const TOKEN = {
  _id: TOKEN_ID,
  ownerId: '569f183514f4432160000007',
  memberId: '569f183514f4432160000007',
  _member: { _id: '569f183514f4432160000007', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', role: 'admin' },
  name: 'bench',
  description: 'Token the benchmark reads',
  creationDate: 1443652232590,
  lastModified: 1469326565348,
  role: 'reader',
  token: '1234',
  serviceToken: false,
  defaultApiVersion: 20240415,
  lastUsed: 1469326565348,
  _links: { self: { href: `/api/v2/tokens/${TOKEN_ID}`, type: 'application/json' }, parent: { href: '/api/v2/tokens', type: 'application/json' } },
};

export const TOKEN_JSON = JSON.stringify(TOKEN);

/**
 * The clients the runtime benchmarks compare. `tokenkit-no-timeout` is tokenkit with `timeoutMs:
 * Infinity`, openapi-fetch's behaviour (no timeout): with nothing able to end an attempt, it gives
 * fetch no abort signal, so the end-to-end table shows what the cancellable attempt costs.
 */
export const RUNTIME_TOOLS = ['fetch', 'openapi-fetch', 'tokenkit', 'tokenkit-no-timeout'] as const;
export type RuntimeTool = (typeof RUNTIME_TOOLS)[number];
/** The stubbed-fetch figure never reads a signal, so it compares the first three only. */
export const OVERHEAD_TOOLS = ['fetch', 'openapi-fetch', 'tokenkit'] as const satisfies readonly RuntimeTool[];

/** What bench/runtime.ts passes its worker processes. */
export interface WorkerOptions {
  /** Calls per timed loop (the concurrent batch makes as many); the overhead loop makes as many warm-up calls first. */
  iterations: number;
  /** Time bound of each loop, in seconds. */
  loopSeconds: number;
  /** e2e: the loopback server's base URL. */
  baseUrl?: string;
  /** e2e: calls in flight in the concurrent batch. */
  concurrency?: number;
}
