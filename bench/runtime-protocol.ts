/** What bench/runtime.ts and its worker processes exchange: the tools, the options, the samples. */

export const RUNTIME_TOOLS = ['fetch', 'openapi-fetch', 'tokenkit'] as const;
export type RuntimeTool = (typeof RUNTIME_TOOLS)[number];

export interface WorkerOptions {
  /** Calls per timed loop (the concurrent batch makes as many), after as many warm-up calls. */
  iterations: number;
  /** Time bound of each loop, in seconds. */
  loopSeconds: number;
  /** e2e: the loopback server's base URL. */
  baseUrl?: string;
  /** e2e: calls in flight in the concurrent batch. */
  concurrency?: number;
}

export interface OverheadSample {
  nsPerOp: number;
  calls: number;
}

export interface E2eSample {
  seqUsPerCall: number;
  seqCalls: number;
  concUsPerCall: number;
  concCalls: number;
}
